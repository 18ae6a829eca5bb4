package vn.dancu.registry;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Csv;
import vn.dancu.units.Units;

/**
 * Bulk import of persons from a CSV file (docs/import-format.md), as a job. The file is kept
 * under the data directory; rows are validated by the API's rules and written in batches, each
 * batch in one transaction together with its rejected rows and the job's counters. A crash
 * therefore loses nothing committed, and importing the same file again skips the persons
 * already there (same number, name, date of birth and gender) and adds the rest.
 */
@Service
public class PersonImport {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(PersonImport.class);

    public record JobStatus(UUID id, String fileName, String state, long fileBytes, long bytesRead, long rowsRead,
                            long accepted, long alreadyPresent, long rejected, Instant createdAt, Instant startedAt,
                            Instant finishedAt, double rowsPerSecond, String failure, Mode mode, String phase) {
    }

    /**
     * How a file is written: {@code INCREMENTAL} in committed batches of 5,000 (any registry);
     * {@code NATIONAL} all at once into an empty registry ({@link NationalLoad}); {@code AUTO} the
     * national load when the registry is empty and no other import runs, else incremental.
     */
    public enum Mode { AUTO, INCREMENTAL, NATIONAL }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batchJdbc;
    private final TransactionTemplate tx;
    private final ImportBatchWriter writer;
    private final PersonRules rules;
    private final Units units;
    private final Path importDir;
    private final NationalLoad national;
    private final DeferredIndexes deferred;

    PersonImport(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batchJdbc, TransactionTemplate tx, ImportBatchWriter writer, PersonRules rules, Units units,
                 NationalLoad national, DeferredIndexes deferred, @Value("${dancu.data-dir}") String dataDir) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.tx = tx;
        this.writer = writer;
        this.rules = rules;
        this.units = units;
        this.importDir = Path.of(dataDir).toAbsolutePath().resolve("imports");
        this.national = national;
        this.deferred = deferred;
    }

    /** Jobs that were running when the platform stopped are marked so; import the file again to finish them. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterruptedJobs() {
        int interrupted = jdbc.sql("update registry.import_job set state = 'INTERRUPTED', finished_at = now(), "
                + "failure = 'The platform stopped during the import; import the same file again to finish it' "
                + "where state in ('QUEUED', 'RUNNING')").update();
        if (interrupted > 0) {
            log.warn("{} import job(s) were interrupted by a stop of the platform", interrupted);
        }
        // Their uploads hold personal data and cannot be resumed: a rerun uploads the file again.
        if (Files.isDirectory(importDir)) {
            try (var leftovers = Files.list(importDir)) {
                leftovers.forEach(PersonImport::deleteQuietly);
            } catch (IOException e) {
                log.warn("Could not clear the import directory: {}", e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Stores the upload and starts the job in the background; returns its id at once. Refused with
     * 409 while a national load runs, and for a national load unless the registry is empty and no
     * other import runs.
     */
    public UUID submit(String fileName, InputStream content, String actor, Mode requested) {
        Mode mode = resolve(requested);
        UUID id = UUID.randomUUID();
        Path file = store(id, content);
        create(id, fileName, file, actor, mode);
        Thread.ofVirtual().name("import-" + id).start(() -> {
            try {
                run(id, file, fileName, actor, mode);
            } finally {
                deleteQuietly(file); // the upload holds personal data: it does not outlive its job
            }
        });
        return id;
    }

    /** Imports a file in the calling thread (demo data, command line, benchmarks); returns the final status. */
    public JobStatus importNow(Path file, String fileName, String actor, Mode requested) {
        Mode mode = resolve(requested);
        UUID id = UUID.randomUUID();
        create(id, fileName, file, actor, mode);
        run(id, file, fileName, actor, mode);
        return status(id).orElseThrow();
    }

    /** An incremental import in the calling thread. */
    public JobStatus importNow(Path file, String fileName, String actor) {
        return importNow(file, fileName, actor, Mode.INCREMENTAL);
    }

    /** Whether the name search's index, left by a national load, is still being built. */
    public boolean searchIndexPending() {
        return deferred.pending();
    }

    private Mode resolve(Mode requested) {
        boolean nationalRunning = jdbc.sql("select exists (select 1 from registry.import_job where mode = 'NATIONAL' "
                + "and state in ('QUEUED', 'RUNNING'))").query(Boolean.class).single();
        if (nationalRunning) {
            throw ApiProblem.conflict("REGISTRY_LOADING", "A national load is filling the registry; import again when it has finished");
        }
        if (requested == Mode.INCREMENTAL) {
            return requested;
        }
        boolean othersRunning = jdbc.sql("select exists (select 1 from registry.import_job where state in ('QUEUED', 'RUNNING'))")
                .query(Boolean.class).single();
        boolean empty = national.registryEmpty();
        if (requested == Mode.NATIONAL && othersRunning) {
            throw ApiProblem.conflict("IMPORT_RUNNING", "A national load needs the registry to itself: another import is running");
        }
        if (requested == Mode.NATIONAL && !empty) {
            throw ApiProblem.conflict("REGISTRY_NOT_EMPTY", "A national load fills an empty registry; this one holds persons already"
                    + " (import incrementally)");
        }
        return empty && !othersRunning ? Mode.NATIONAL : Mode.INCREMENTAL;
    }

    public Optional<JobStatus> status(UUID id) {
        return jdbc.sql("select * from registry.import_job where id = ?").param(id).query((rs, n) -> {
            Instant started = instant(rs.getTimestamp("started_at"));
            Instant finished = instant(rs.getTimestamp("finished_at"));
            long rows = rs.getLong("rows_read");
            double seconds = started == null ? 0 : Duration.between(started, finished == null ? Instant.now() : finished).toMillis() / 1000.0;
            return new JobStatus(id, rs.getString("file_name"), rs.getString("state"), rs.getLong("file_bytes"),
                    rs.getLong("bytes_read"), rows, rs.getLong("accepted"), rs.getLong("already_present"),
                    rs.getLong("rejected"), instant(rs.getTimestamp("created_at")), started, finished,
                    seconds > 0 ? Math.round(rows / seconds) : 0, rs.getString("failure"), Mode.valueOf(rs.getString("mode")),
                    rs.getString("phase"));
        }).optional();
    }

    /** The rejected rows as CSV: line number and reason. */
    public void writeRejections(UUID id, Writer out) throws IOException {
        out.write("line,reason\n");
        List<String> lines = jdbc.sql("select line, reason from registry.import_rejection where job_id = ? order by line")
                .param(id).query((rs, n) -> rs.getLong("line") + ",\"" + rs.getString("reason").replace("\"", "\"\"") + "\"\n").list();
        for (String line : lines) {
            out.write(line);
        }
    }

    private Path store(UUID id, InputStream content) {
        try {
            Files.createDirectories(importDir);
            Path file = importDir.resolve(id + ".csv");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete an import upload: {}", e.getClass().getSimpleName());
        }
    }

    private void create(UUID id, String fileName, Path file, String actor, Mode mode) {
        try {
            jdbc.sql("insert into registry.import_job (id, file_name, file_bytes, actor, state, mode) values (?, ?, ?, ?, 'QUEUED', ?)")
                    .params(id, fileName, Files.size(file), actor, mode.name()).update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows parsed and validated, ready to be written. */
    private record Batch(List<ImportRow> rows, List<ImportRow.Rejected> rejected, long read, long bytes) {
    }

    private static final Batch END = new Batch(List.of(), List.of(), 0, 0);

    /**
     * Parsing and validating (CPU in this JVM) overlaps with writing (mostly PostgreSQL's work):
     * this thread parses the next batch while a second one commits the previous.
     */
    private void run(UUID id, Path file, String fileName, String actor, Mode mode) {
        jdbc.sql("update registry.import_job set state = 'RUNNING', started_at = now() where id = ?").param(id).update();
        if (mode == Mode.NATIONAL) {
            runNational(id, file, fileName, actor);
            return;
        }
        BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(2);
        FutureTask<Void> writing = new FutureTask<>(() -> {
            for (Batch batch; (batch = ready.take()) != END; ) {
                commit(id, batch, actor, fileName);
            }
            return null;
        });
        Thread.ofVirtual().name("import-writer-" + id).start(writing);
        try (CountingStream counted = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             Csv csv = new Csv(new InputStreamReader(counted, StandardCharsets.UTF_8), false)) {
            if (!Csv.isHeader(csv.next(), ImportFormat.COLUMNS)) {
                hand(ready, END, writing);
                writing.get();
                finish(id, "FAILED", "The first line must be the header: " + ImportFormat.header());
                return;
            }
            LocalDate today = units.today();
            List<ImportRow> rows = new ArrayList<>(BATCH);
            List<ImportRow.Rejected> rejected = new ArrayList<>();
            long read = 0;
            for (Csv.Row row; (row = csv.next()) != null; ) {
                read++;
                switch (row) {
                    case Csv.Malformed bad -> rejected.add(new ImportRow.Rejected(bad.line(), "broken CSV: " + bad.reason()));
                    case Csv.Record record -> {
                        Object parsed = ImportRow.parse(record, rules, units, today);
                        if (parsed instanceof ImportRow valid) {
                            rows.add(valid);
                        } else {
                            rejected.add((ImportRow.Rejected) parsed);
                        }
                    }
                }
                if (rows.size() + rejected.size() >= BATCH) {
                    hand(ready, new Batch(rows, rejected, read, counted.count()), writing);
                    rows = new ArrayList<>(BATCH);
                    rejected = new ArrayList<>();
                    read = 0;
                }
            }
            hand(ready, new Batch(rows, rejected, read, counted.count()), writing);
            hand(ready, END, writing);
            writing.get();
            finish(id, "COMPLETED", null);
        } catch (IOException | RuntimeException | ExecutionException e) {
            writing.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.error("Import {} failed: {}", id, cause.getClass().getName());
            String why = cause instanceof ApiProblem refused ? refused.getMessage() : cause.getClass().getSimpleName();
            finish(id, "FAILED", "The import stopped: " + why
                    + "; the rows committed so far are kept, import the same file again to finish it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writing.cancel(true);
            finish(id, "INTERRUPTED", "The import was interrupted; import the same file again to finish it");
        } catch (Error e) {
            writing.cancel(true);
            finish(id, "FAILED", "The import stopped: " + e.getClass().getSimpleName()
                    + "; the rows committed so far are kept, import the same file again to finish it");
            throw e;
        }
    }

    /** The national load: its transaction writes the job's final state; a failure leaves the registry as it was. */
    private void runNational(UUID id, Path file, String fileName, String actor) {
        try {
            if (national.run(id, file, fileName, actor) == null) {
                finish(id, "FAILED", "The first line must be the header: " + ImportFormat.header());
                return;
            }
            long started = System.nanoTime();
            deferred.build();
            log.info("Import {}: the name search's index was built {} ms after the load", id, (System.nanoTime() - started) / 1_000_000);
        } catch (NationalLoad.Refused e) {
            finish(id, "FAILED", "The national load did not start: " + e.getMessage());
        } catch (IOException | RuntimeException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.error("National load {} failed: {}", id, cause.getClass().getName());
            finish(id, "FAILED", "The national load stopped: " + cause.getClass().getSimpleName()
                    + "; nothing was written, import the same file again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(id, "INTERRUPTED", "The national load was interrupted; nothing was written, import the same file again");
        }
    }

    /** Hands a batch to the writer; if the writer has failed, its failure surfaces here. */
    private static void hand(BlockingQueue<Batch> ready, Batch batch, FutureTask<Void> writing)
            throws InterruptedException, ExecutionException {
        while (!ready.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (writing.isDone()) {
                writing.get();
                throw new IllegalStateException("the writer stopped");
            }
        }
    }

    /** One batch, its rejections and the job's counters in one transaction; a refused batch is retried row by row. */
    private void commit(UUID id, Batch work, String actor, String fileName) {
        List<ImportRow> batch = work.rows();
        List<ImportRow.Rejected> rejected = work.rejected();
        long read = work.read();
        long bytes = work.bytes();
        try {
            tx.executeWithoutResult(s -> record(id, writer.write(batch, id, actor, fileName), rejected, read, bytes));
        } catch (DataAccessException refused) {
            ImportBatchWriter.Outcome nothing = new ImportBatchWriter.Outcome(0, 0, List.of());
            tx.executeWithoutResult(s -> record(id, nothing, rejected, read - batch.size(), bytes));
            for (ImportRow row : batch) {
                try {
                    tx.executeWithoutResult(s -> record(id, writer.write(List.of(row), id, actor, fileName), List.of(), 1, bytes));
                } catch (DataAccessException rowRefused) {
                    ImportRow.Rejected why = new ImportRow.Rejected(row.line(), "refused by the database: " + rootMessage(rowRefused));
                    tx.executeWithoutResult(s -> record(id, new ImportBatchWriter.Outcome(0, 0, List.of(why)), List.of(), 1, bytes));
                }
            }
        }
    }

    private void record(UUID id, ImportBatchWriter.Outcome outcome, List<ImportRow.Rejected> parseRejected, long read, long bytes) {
        List<ImportRow.Rejected> all = new ArrayList<>(parseRejected);
        all.addAll(outcome.rejected());
        if (!all.isEmpty()) {
            batchJdbc.batchUpdate(
                    "insert into registry.import_rejection (job_id, line, reason) values (?, ?, ?) on conflict do nothing",
                    all.stream().map(r -> new Object[] {id, r.line(), r.reason()}).toList());
        }
        jdbc.sql("""
                        update registry.import_job set rows_read = rows_read + ?, accepted = accepted + ?,
                            already_present = already_present + ?, rejected = rejected + ?,
                            bytes_read = greatest(bytes_read, ?) where id = ?""")
                .params(read, outcome.accepted(), outcome.alreadyPresent(), all.size(), bytes, id).update();
    }

    private void finish(UUID id, String state, String failure) {
        jdbc.sql("update registry.import_job set state = ?, phase = null, finished_at = now(), failure = ?, "
                        + "bytes_read = case when ? = 'COMPLETED' then file_bytes else bytes_read end where id = ?")
                .params(state, failure, state, id).update();
    }

    private static String rootMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        // The constraint name says what was wrong; the detail line would repeat personal data.
        int detail = message.indexOf("\n");
        return detail > 0 ? message.substring(0, detail) : message;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Counts the bytes read so that progress can be shown against the file size. */
    static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
