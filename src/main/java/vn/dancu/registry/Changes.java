package vn.dancu.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The changed fields of one history entry, in order; a field whose value stays the same is left out. */
final class Changes {

    private final List<Change> changes = new ArrayList<>();

    Changes add(String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
        return this;
    }

    List<Change> list() {
        return List.copyOf(changes);
    }
}
