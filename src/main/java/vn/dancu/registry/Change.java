package vn.dancu.registry;

/** One changed field in the history: its name and its values before and after (null: none). */
public record Change(String field, String from, String to) {
}
