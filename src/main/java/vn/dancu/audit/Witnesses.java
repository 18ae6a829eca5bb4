package vn.dancu.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies of the checkpoints kept by others: a journal directory, a file (the journal's lines, or
 * the JSON the API answers with), or a running platform's published checkpoints.
 */
public final class Witnesses {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int PAGE = 1_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Witnesses() {
    }

    /** {@code DIR} (a journal directory), {@code FILE}, or {@code http(s)://host} (a platform's published checkpoints). */
    public static List<Checkpoint> load(String where) {
        if (where.startsWith("http://") || where.startsWith("https://")) {
            return fetch(URI.create(where.replaceAll("/+$", "")), 0, Integer.MAX_VALUE);
        }
        Path path = Path.of(where);
        if (Files.isDirectory(path)) {
            path = path.resolve(CheckpointJournal.FILE);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("No witness file at " + path);
        }
        return read(path);
    }

    /** Journal lines, one checkpoint each; or one JSON document: a checkpoint, an array of them, or {@code {"items": [...]}}. */
    static List<Checkpoint> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the witness " + file, e);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.matches("(?s)^\\{\\s*\"items\".*")) {
            return fromDocument(parse(trimmed, file + ""));
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean last = i == lines.length - 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                checkpoints.add(Checkpoint.fromJson(JSON.readTree(line)));
            } catch (JacksonException | IllegalArgumentException e) {
                if (!last) { // only the line being written when the machine stopped may be torn
                    throw new IllegalArgumentException(file + ", line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return checkpoints;
    }

    /** What one round of keeping a witness found: checkpoints added, the position now held, what is wrong. */
    public record Kept(int added, long position, List<String> problems) {
    }

    /**
     * Keeps a witness of a platform in {@code dir}, as a cron job on another machine would: pins the
     * platform's checkpoint key on the first round, then appends the checkpoints signed since the last
     * one held, each checked against the pinned key. The last checkpoint held must still be published
     * with the same hash: otherwise the log was cut back ({@code TRUNCATED}) or rewritten ({@code REWRITTEN}).
     */
    public static Kept keep(URI platform, Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> problems = new ArrayList<>();
            String key = pinnedKey(platform, dir, problems);
            Path journal = dir.resolve(CheckpointJournal.FILE);
            List<Checkpoint> held = Files.exists(journal) ? read(journal) : List.of();
            long last = held.stream().mapToLong(Checkpoint::position).max().orElse(0);
            if (last > 0) {
                Checkpoint mine = held.stream().filter(c -> c.position() == last).reduce((a, b) -> b).orElseThrow();
                List<Checkpoint> now = fetch(platform, last - 1, 1);
                if (now.isEmpty() || now.getFirst().position() != last) {
                    problems.add("TRUNCATED: the platform no longer publishes checkpoint " + last + " signed at " + mine.signedAt());
                } else if (!now.getFirst().chainHash().equals(mine.chainHash())) {
                    problems.add("REWRITTEN: the platform's checkpoint " + last + " has another hash than the one held since "
                            + mine.signedAt());
                }
            }
            List<Checkpoint> fresh = new ArrayList<>();
            for (Checkpoint c : fetch(platform, last, Integer.MAX_VALUE)) {
                if (c.signedBy(key)) {
                    fresh.add(c);
                } else {
                    problems.add("UNSIGNED: checkpoint " + c.position() + " does not carry the pinned key's signature; not kept");
                }
            }
            CheckpointJournal.appendTo(journal, fresh);
            return new Kept(fresh.size(), fresh.isEmpty() ? last : fresh.getLast().position(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the witness in " + dir, e);
        }
    }

    private static String pinnedKey(URI platform, Path dir, List<String> problems) throws IOException {
        String published = get(URI.create(platform + "/api/v1/audit/checkpoints/key")).path("publicKey").asString("");
        Path pinned = dir.resolve("key.txt");
        if (!Files.exists(pinned)) {
            Files.writeString(pinned, published + "\n");
            return published;
        }
        String key = Files.readString(pinned).strip();
        if (!key.equals(published)) {
            problems.add("KEY_CHANGED: the platform signs with another key than the one pinned in " + pinned);
        }
        return key;
    }

    /** Pages through {@code GET /api/v1/audit/checkpoints?after=N} until the platform has no more, or {@code max} are read. */
    static List<Checkpoint> fetch(URI platform, long after, int max) {
        List<Checkpoint> all = new ArrayList<>();
        while (all.size() < max) {
            JsonNode body = get(URI.create(platform + "/api/v1/audit/checkpoints?after=" + after + "&limit=" + Math.min(PAGE, max)));
            List<Checkpoint> items = fromDocument(body);
            all.addAll(items);
            if (items.isEmpty() || !body.path("hasMore").asBoolean(false)) {
                break;
            }
            after = items.getLast().position();
        }
        return all.size() > max ? all.subList(0, max) : all;
    }

    private static JsonNode get(URI uri) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException(uri + " answered " + response.statusCode());
        }
        return parse(response.body(), uri.toString());
    }

    private static List<Checkpoint> fromDocument(JsonNode document) {
        JsonNode items = document.isArray() ? document : document.has("items") ? document.get("items") : null;
        if (items == null) {
            return List.of(Checkpoint.fromJson(document));
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        items.forEach(node -> checkpoints.add(Checkpoint.fromJson(node)));
        return checkpoints;
    }

    private static JsonNode parse(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
