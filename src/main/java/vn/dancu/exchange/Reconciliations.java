package vn.dancu.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Copy;
import vn.dancu.platform.Csv;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.PersonalIdNumber;

/**
 * Reconciliation: a member uploads its own records (CSV or JSON lines, up to millions) and gets,
 * per record, whether the registry agrees: matched, which fields differ (with the registry's
 * value where its policy lets it read that field), not found, deceased, or an old 9-digit number
 * that a personal ID number has superseded. Bad rows are reported and the others processed.
 * Chunks of {@link #CHUNK} records are each one transaction (results, progress, access log and
 * metering together), so a job that a stop interrupts resumes after its last chunk.
 * The upload is kept in PostgreSQL in parts of {@link #PART} bytes (read back one part at a time:
 * constant memory), and a job is claimed by one node at a time with {@code for update skip locked}
 * and a lease that the running node renews each chunk: any node runs it, another node takes it
 * over when the lease runs out, and every node reports its state (docs/nodes.md).
 * Comparison forgives diacritics, spacing and old or new unit names, whatever the name policy.
 */
@Service
class Reconciliations {

    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);
    static final int CHUNK = 5_000;
    /** Chunks in the database at once: with two cores, three keep both busy while the reader parses. */
    static final int WORKERS = 3;
    static final List<String> COLUMNS = List.of("recordRef", "personalId", "legacyId", "fullName", "dateOfBirth", "gender", "address");
    static final long MAX_BYTES = 4L << 30;
    static final int PART = 1 << 20;
    /** How long a claim holds without renewal: a node that died leaves its job to another after this. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final String UPLOAD = "upload:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Job(long id, String format, String purposeCode, String caseRef, String state, long records, long matched,
               long different, long notFound, long deceased, long superseded, long invalid, String error, Instant createdAt,
               Instant startedAt, Instant finishedAt) {
    }

    record Result(long line, String recordRef, String outcome, String personalId, List<Difference> differences, String error) {
    }

    /** A field where the member's value and the registry's differ; {@code registryValue} only where policy allows. */
    record Difference(String field, String registryValue) {
    }

    record Input(long line, String recordRef, String number, String fullName, LocalDate dateOfBirth, String gender,
                         String address, String error) {
    }

    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate transactions;
    private final PersonFinder finder;
    private final Members members;
    private final Metering metering;
    private final Policies policies;
    private final Clock clock;
    private final OpenDifferences openDifferences;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("reconciliation").factory());
    /** A drain of the queue is waiting to run on {@link #runner}: a second wake-up adds nothing. */
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

    Reconciliations(JdbcClient jdbc, javax.sql.DataSource dataSource, TransactionTemplate transactions, PersonFinder finder, Members members,
                    Metering metering, Policies policies, Clock clock, OpenDifferences openDifferences) {
        this.openDifferences = openDifferences;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.finder = finder;
        this.members = members;
        this.metering = metering;
        this.policies = policies;
        this.clock = clock;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Stores the upload and queues the job; returns it at once. */
    Job submit(Members.Caller caller, String contentType, InputStream body, String purpose, String caseRef) {
        FieldErrors errors = new FieldErrors();
        String code = Verification.purpose(errors, purpose, null, caseRef, caller.policy(), policies.purposeCodes());
        String format = contentType == null ? null : contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv") ? "CSV"
                : contentType.toLowerCase(java.util.Locale.ROOT).matches("application/(x-ndjson|jsonl|x-jsonlines).*") ? "JSONL" : null;
        if (format == null) {
            errors.add("Content-Type", "UNSUPPORTED_FORMAT", "Send text/csv (with a header row) or application/x-ndjson");
        }
        errors.throwIfAny();
        policies.requirePurpose(caller, code);
        policies.requireProduct(caller, Verification.PRODUCT);
        if (caller.policy().consentRequired()) {
            throw ApiProblem.forbidden("CONSENT_REQUIRED", "Reconciliation compares records of many persons without their"
                    + " individual consent; it is open to members whose policy needs no consent");
        }
        UUID upload = UUID.randomUUID();
        if (store(upload, body) == 0) {
            throw ApiProblem.badRequest("FILE_EMPTY", "The body holds no records: send the file as the request body");
        }
        long id = jdbc.sql("""
                        insert into exchange.reconciliation (member_id, format, purpose_code, case_ref, state, file)
                        values (?, ?, ?, ?, 'QUEUED', ?) returning id""")
                .params(caller.member().id(), format, code, caseRef, UPLOAD + upload).query(Long.class).single();
        wake();
        return job(caller, id);
    }

    /**
     * Stores the body in parts of {@link #PART} bytes, each in its own statement (one part in memory at a time);
     * returns its size. A body cut short or too large leaves no part behind.
     */
    private long store(UUID upload, InputStream body) {
        byte[] part = new byte[PART];
        long total = 0;
        try {
            for (int no = 0; ; no++) {
                int n = body.readNBytes(part, 0, PART);
                if (n == 0) {
                    return total;
                }
                total += n;
                if (total > MAX_BYTES) {
                    deleteUpload(UPLOAD + upload);
                    throw new ApiProblem(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE",
                            "A reconciliation file has at most " + (MAX_BYTES >> 30) + " GiB; split it");
                }
                jdbc.sql("insert into exchange.reconciliation_upload (upload, part, bytes) values (?, ?, ?)")
                        .params(upload, no, n == PART ? part : java.util.Arrays.copyOf(part, n)).update();
                if (n < PART) {
                    return total;
                }
            }
        } catch (IOException e) {
            // The client went away mid-upload: what arrived holds personal data and goes too.
            deleteUpload(UPLOAD + upload);
            throw ApiProblem.badRequest("UPLOAD_INCOMPLETE", "The upload ended before its end; send the file again");
        }
    }

    /** Jobs a stop interrupted (here or on a node that died) go on from their last chunk; queued ones start. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        wake();
    }

    /** Now and then: jobs whose node died (their lease ran out), and jobs submitted while this node's runner was busy. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    void poll() {
        wake();
    }

    private void wake() {
        if (draining.compareAndSet(false, true)) {
            runner.submit(this::drain);
        }
    }

    /** Runs the jobs this node can claim, one after the other. */
    private void drain() {
        draining.set(false);
        List<Long> skipped = new ArrayList<>();
        for (Long id; (id = claim(skipped)) != null; ) {
            String file = jdbc.sql("select file from exchange.reconciliation where id = ?").param(id).query(String.class).single();
            if (!file.startsWith(UPLOAD) && !Files.exists(Path.of(file))) {
                // A job of an earlier version whose upload is on another node's disk: that node runs it.
                jdbc.sql("update exchange.reconciliation set lease_until = null where id = ?").param(id).update();
                skipped.add(id);
                continue;
            }
            run(id, file);
        }
    }

    /** The oldest job no node holds, now held by this one for {@link #LEASE}; null when there is none. */
    private Long claim(List<Long> skipped) {
        return jdbc.sql("""
                        update exchange.reconciliation set lease_until = now() + cast(? as interval)
                        where id = (select id from exchange.reconciliation
                                    where state in ('QUEUED', 'RUNNING') and (lease_until is null or lease_until < now())
                                      and id <> all (?)
                                    order by id limit 1 for update skip locked)
                        returning id""")
                .params(LEASE.toSeconds() + " seconds", skipped.toArray(Long[]::new)).query(Long.class).optional().orElse(null);
    }

    private void renew(long id) {
        jdbc.sql("update exchange.reconciliation set lease_until = now() + cast(? as interval) where id = ?")
                .params(LEASE.toSeconds() + " seconds", id).update();
    }

    Job job(Members.Caller caller, long id) {
        return jdbc.sql(JOB_SELECT + " where r.id = ? and r.member_id = ? group by r.id").params(id, caller.member().id())
                .query(Reconciliations::job)
                .optional().orElseThrow(() -> ApiProblem.notFound("RECONCILIATION_NOT_FOUND", "You have no reconciliation " + id));
    }

    List<Result> results(Members.Caller caller, long id, String outcome, long after, int limit) {
        job(caller, id);
        if (limit < 1 || limit > 10_000) {
            throw ApiProblem.invalidField("limit", "OUT_OF_RANGE", "limit is 1 to 10000");
        }
        return jdbc.sql(RESULT_SELECT + " where job_id = ? and line_no > ? and (cast(? as text) is null or outcome = ?) order by line_no limit ?")
                .params(id, after, outcome, outcome, limit).query(Reconciliations::result).list();
    }

    /** The whole report as CSV, streamed. */
    void writeReport(Members.Caller caller, long id, Writer out) throws IOException {
        job(caller, id);
        out.write("line,recordRef,outcome,personalId,differences,error\n");
        long after = 0;
        while (true) {
            List<Result> page = jdbc.sql(RESULT_SELECT + " where job_id = ? and line_no > ? order by line_no limit 10000")
                    .params(id, after).query(Reconciliations::result).list();
            for (Result r : page) {
                out.write(r.line() + "," + csv(r.recordRef()) + "," + r.outcome() + "," + csv(r.personalId()) + ","
                        + csv(r.differences() == null ? null : JSON.writeValueAsString(r.differences())) + "," + csv(r.error()) + "\n");
            }
            if (page.size() < 10_000) {
                return;
            }
            after = page.getLast().line();
        }
    }

    private static String csv(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    // --- the job

    private void run(long id, String file) {
        try {
            runJob(id, file);
        } catch (RuntimeException e) {
            fail(id, "The job could not run: " + e.getClass().getSimpleName());
            log.error("Reconciliation {} could not run: {}", id, e.getClass().getSimpleName());
        } finally {
            deleteQuietlyIfFinished(id, file);
        }
    }

    private void runJob(long id, String file) {
        Job job = jdbc.sql(JOB_SELECT + " where r.id = ? group by r.id").param(id).query(Reconciliations::job).single();
        long memberId = jdbc.sql("select member_id from exchange.reconciliation where id = ?").param(id).query(Long.class).single();
        String refusal = refusal(memberId);
        if (refusal != null) {
            fail(id, refusal);
            return;
        }
        Members.Caller caller = members.ofMember(memberId).orElseThrow();
        Set<Integer> done = Set.copyOf(jdbc.sql("select chunk_no from exchange.reconciliation_chunk where job_id = ?")
                .param(id).query(Integer.class).list());
        jdbc.sql("update exchange.reconciliation set state = 'RUNNING', started_at = coalesce(started_at, ?) where id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
        // Reading and parsing here, looking up and writing in parallel: the database works while the next chunk is parsed.
        List<Future<?>> pending = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(open(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)), 1 << 16);
             ExecutorService workers = Executors.newFixedThreadPool(WORKERS, Thread.ofPlatform().name("reconciliation-" + id + "-", 0).factory())) {
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(WORKERS * 2);
            RecordSource source = "CSV".equals(job.format()) ? new CsvSource(new Csv(reader)) : new JsonLinesSource(reader);
            List<Input> chunk = new ArrayList<>(CHUNK);
            int chunkNo = 0;
            for (Input input; (input = source.next()) != null; ) {
                chunk.add(input);
                if (chunk.size() == CHUNK) {
                    submit(workers, inFlight, pending, job, caller, chunkNo, chunk, done);
                    renew(id);
                    chunk = new ArrayList<>(CHUNK);
                    chunkNo++;
                }
            }
            if (!chunk.isEmpty()) {
                submit(workers, inFlight, pending, job, caller, chunkNo, chunk, done);
            }
            for (Future<?> f : pending) {
                f.get();
            }
            jdbc.sql("update exchange.reconciliation set state = 'COMPLETED', finished_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), id).update();
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            if (cause instanceof Refused) {
                fail(id, cause.getMessage());
            } else {
                // The class only: a database error's message can quote the row, and rows hold personal data.
                log.error("Reconciliation {} failed: {}", id, cause.getClass().getName());
                fail(id, "The file could not be processed: " + cause.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the platform is stopping: the job resumes at the next start
        }
    }

    /** The job cannot go on, for a reason the member is told. */
    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Why the member may not run a reconciliation now, or null. */
    private String refusal(long memberId) {
        Members.Caller caller = members.ofMember(memberId).orElse(null);
        if (caller == null || !caller.usable()) {
            return "The member is suspended or has no policy in force";
        }
        if (!caller.policy().products().contains(Verification.PRODUCT) || caller.policy().consentRequired()) {
            return "The member's policy no longer allows reconciliation";
        }
        return null;
    }

    private void fail(long id, String error) {
        jdbc.sql("update exchange.reconciliation set state = 'FAILED', finished_at = ?, error = ? where id = ?")
                .params(Timestamp.from(clock.instant()), error, id).update();
    }

    private void submit(ExecutorService workers, java.util.concurrent.Semaphore inFlight, List<Future<?>> pending, Job job,
                        Members.Caller caller, int chunkNo, List<Input> chunk, Set<Integer> done) throws InterruptedException {
        if (done.contains(chunkNo)) {
            return;
        }
        String refusal = refusal(caller.member().id());
        if (refusal != null) {
            throw new Refused(refusal + "; the job stopped");
        }
        inFlight.acquire();
        pending.add(workers.submit(() -> {
            try {
                process(job, caller, chunkNo, chunk);
            } finally {
                inFlight.release();
            }
        }));
    }

    /** The upload holds personal data: it goes when its job is over, and stays while the job can still resume. */
    private void deleteQuietlyIfFinished(long id, String file) {
        String state = jdbc.sql("select state from exchange.reconciliation where id = ?").param(id).query(String.class).single();
        if ("COMPLETED".equals(state) || "FAILED".equals(state)) {
            deleteUpload(file);
        } else {
            // stopped mid-job: the lease goes, so that the next node to look (this one after a restart) goes on at once
            jdbc.sql("update exchange.reconciliation set lease_until = null where id = ?").param(id).update();
        }
    }

    private void deleteUpload(String file) {
        if (file.startsWith(UPLOAD)) {
            jdbc.sql("delete from exchange.reconciliation_upload where upload = ?").param(UUID.fromString(file.substring(UPLOAD.length())))
                    .update();
            return;
        }
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            log.warn("Could not delete a reconciliation upload: {}", e.getClass().getSimpleName());
        }
    }

    /** The upload, read back one part at a time (or, for a job of an earlier version, its file on this node's disk). */
    private InputStream open(String file) throws IOException {
        if (!file.startsWith(UPLOAD)) {
            return Files.newInputStream(Path.of(file));
        }
        UUID upload = UUID.fromString(file.substring(UPLOAD.length()));
        return new java.io.SequenceInputStream(new java.util.Enumeration<InputStream>() {
            private int next;
            private byte[] part = read(next);

            private byte[] read(int no) {
                return jdbc.sql("select bytes from exchange.reconciliation_upload where upload = ? and part = ?").params(upload, no)
                        .query(byte[].class).optional().orElse(null);
            }

            @Override
            public boolean hasMoreElements() {
                return part != null;
            }

            @Override
            public InputStream nextElement() {
                InputStream current = new java.io.ByteArrayInputStream(part);
                part = read(++next);
                return current;
            }
        });
    }

    private void process(Job job, Members.Caller caller, int chunkNo, List<Input> chunk) {
        transactions.executeWithoutResult(status -> {
            PersonFinder.Requester requester = Verification.requester(caller, job.purposeCode(), "reconciliation " + job.id(),
                    job.caseRef(), AccessLog.Channel.BATCH);
            List<PersonFinder.FactsQuery> queries = chunk.stream().filter(i -> i.error() == null)
                    .map(i -> new PersonFinder.FactsQuery(i.number(), requester, compared(i))).toList();
            Map<String, PersonFinder.Facts> facts = finder.facts(queries);
            List<Result> results = new ArrayList<>(chunk.size());
            int fields = 0;
            for (Input input : chunk) {
                PersonFinder.Facts found = input.error() == null ? facts.get(input.number()) : null;
                if (found != null) {
                    fields += compared(input).size();
                }
                results.add(compare(input, found, caller.policy()));
            }
            write(job.id(), results);
            count(job.id(), chunkNo, results);
            Map<String, String> latest = new java.util.LinkedHashMap<>();
            results.stream().filter(r -> r.personalId() != null).forEach(r -> latest.put(r.personalId(), r.outcome()));
            openDifferences.track(caller.member().id(), latest);
            if (fields > 0) {
                metering.record(List.of(new Metering.Charge(caller.member().id(), "RECONCILIATION", Verification.PRODUCT,
                        0, fields, job.purposeCode(), job.caseRef())));
            }
        });
    }

    private static List<String> compared(Input i) {
        List<String> fields = new ArrayList<>(List.of("personalId", "status"));
        if (i.fullName() != null) {
            fields.add("fullName");
        }
        if (i.dateOfBirth() != null) {
            fields.add("dateOfBirth");
        }
        if (i.gender() != null) {
            fields.add("gender");
        }
        if (i.address() != null) {
            fields.add("address");
        }
        return fields;
    }

    /** The outcome of one record; a found record that differs lists every difference whatever its outcome. */
    static Result compare(Input i, PersonFinder.Facts f, Members.Policy policy) {
        if (i.error() != null) {
            return new Result(i.line(), i.recordRef(), "INVALID", null, null, i.error());
        }
        if (f == null) {
            return new Result(i.line(), i.recordRef(), "NOT_FOUND", null, null, null);
        }
        Set<String> readable = policy.consentRequired() ? Set.of() : Set.copyOf(policy.products());
        List<Difference> differences = new ArrayList<>();
        if (i.fullName() != null && !Matching.name(i.fullName(), f.fullName(), "DIACRITICS")) {
            differences.add(new Difference("fullName", readable.contains("identity-basic") ? f.fullName() : null));
        }
        if (i.dateOfBirth() != null && !i.dateOfBirth().equals(f.dateOfBirth())) {
            differences.add(new Difference("dateOfBirth", readable.contains("identity-basic") ? f.dateOfBirth().toString() : null));
        }
        if (i.gender() != null && !i.gender().equals(f.gender())) {
            differences.add(new Difference("gender", readable.contains("identity-basic") ? f.gender() : null));
        }
        if (i.address() != null && !Matching.address(i.address(), f.currentAddress())) {
            String registered = f.currentAddress() == null ? null : vn.dancu.registry.AddressText.of(f.currentAddress().line(),
                    String.join(" / ", f.currentAddress().communeNames()));
            differences.add(new Difference("address", readable.contains("residence") ? registered : null));
        }
        boolean superseded = LegacyIdNumber.isWellFormed(i.number());
        String outcome = !f.alive() && PersonStatus.DECEASED.name().equals(f.status()) ? "DECEASED" : superseded ? "SUPERSEDED"
                : differences.isEmpty() ? "MATCHED" : "DIFFERENT";
        // The new number answers the old one only for members allowed to read identity data.
        String personalId = superseded && !readable.contains("identity-basic") ? null : f.personalId();
        return new Result(i.line(), i.recordRef(), outcome, personalId, differences.isEmpty() ? null : differences, null);
    }

    private void write(long jobId, List<Result> results) {
        StringBuilder data = new StringBuilder(results.size() * 60);
        for (Result r : results) {
            Copy.line(data, jobId, r.line(), r.recordRef(), r.outcome(), r.personalId(),
                    r.differences() == null ? null : JSON.writeValueAsString(r.differences()), r.error());
        }
        Copy.in(dataSource, """
                copy exchange.reconciliation_result (job_id, line_no, record_ref, outcome, personal_id, differences, error)
                from stdin (format csv)""", data);
    }

    private void count(long jobId, int chunkNo, List<Result> results) {
        Map<String, Long> by = new java.util.HashMap<>();
        results.forEach(r -> by.merge(r.outcome(), 1L, Long::sum));
        jdbc.sql("""
                        insert into exchange.reconciliation_chunk (job_id, chunk_no, records, matched, different, not_found, deceased,
                            superseded, invalid) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(jobId, chunkNo, results.size(), by.getOrDefault("MATCHED", 0L), by.getOrDefault("DIFFERENT", 0L),
                        by.getOrDefault("NOT_FOUND", 0L), by.getOrDefault("DECEASED", 0L), by.getOrDefault("SUPERSEDED", 0L),
                        by.getOrDefault("INVALID", 0L))
                .update();
    }

    // --- reading the upload

    private interface RecordSource {
        /** The next record, or null at the end. */
        Input next() throws IOException;
    }

    /** A record from named values; whatever is wrong with it goes into {@code error}. */
    static Input input(long line, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        if (values.values().stream().anyMatch(v -> v != null && v.indexOf('\uFFFD') >= 0)) {
            problems.add("not UTF-8 text (save the file as UTF-8)");
        }
        String ref = blankToNull(values.get("recordRef"));
        String personalId = blankToNull(values.get("personalId"));
        String legacyId = blankToNull(values.get("legacyId"));
        String number = null;
        if (personalId != null) {
            number = Matching.digits(personalId);
            if (!PersonalIdNumber.isWellFormed(number)) {
                problems.add("personalId: 12 digits");
            }
        } else if (legacyId != null) {
            number = Matching.digits(legacyId);
            if (!LegacyIdNumber.isWellFormed(number)) {
                problems.add("legacyId: 9 digits");
            }
        } else {
            problems.add("personalId or legacyId is required");
        }
        LocalDate dob = null;
        String dobText = blankToNull(values.get("dateOfBirth"));
        if (dobText != null) {
            dob = FieldErrors.isoDate(dobText).orElse(null);
            if (dob == null) {
                problems.add("dateOfBirth: YYYY-MM-DD");
            }
        }
        String gender = blankToNull(values.get("gender"));
        if (gender != null && !Set.of("MALE", "FEMALE").contains(gender)) {
            problems.add("gender: MALE or FEMALE");
        }
        if (ref != null && ref.length() > 100) {
            problems.add("recordRef: at most 100 characters");
        }
        String name = blankToNull(values.get("fullName"));
        String address = blankToNull(values.get("address"));
        if ((name != null && name.length() > 150) || (address != null && address.length() > 400)) {
            problems.add("fullName or address too long");
        }
        return new Input(line, ref, number, name, dob, gender, address, problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static final class CsvSource implements RecordSource {

        private final Csv csv;
        private List<String> header;

        CsvSource(Csv csv) {
            this.csv = csv;
        }

        @Override
        public Input next() throws IOException {
            Csv.Row row = csv.next();
            if (row == null) {
                return null;
            }
            if (header == null) {
                if (!(row instanceof Csv.Record r) || !COLUMNS.containsAll(names(r))) {
                    throw new Refused("The first row must name columns of " + COLUMNS);
                }
                header = names(r);
                return next();
            }
            return switch (row) {
                case Csv.Malformed m -> new Input(m.line(), null, null, null, null, null, null, m.reason());
                case Csv.Record r when r.fields().size() != header.size() ->
                        new Input(r.line(), null, null, null, null, null, null, "expected " + header.size() + " columns, found " + r.fields().size());
                case Csv.Record r -> {
                    Map<String, String> values = new java.util.HashMap<>();
                    for (int c = 0; c < header.size(); c++) {
                        values.put(header.get(c), r.get(c));
                    }
                    yield input(r.line(), values);
                }
            };
        }

        private static List<String> names(Csv.Record r) {
            return r.fields().stream().map(f -> f.replace("\uFEFF", "").strip()).toList();
        }
    }

    private static final class JsonLinesSource implements RecordSource {

        private final BufferedReader reader;
        private long line;

        JsonLinesSource(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public Input next() throws IOException {
            String text;
            do {
                text = reader.readLine();
                line++;
            } while (text != null && text.isBlank());
            if (text == null) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (!node.isObject()) {
                    return new Input(line, null, null, null, null, null, null, "not a JSON object");
                }
                Map<String, String> values = new java.util.HashMap<>();
                for (String column : COLUMNS) {
                    JsonNode value = node.get(column);
                    if (value != null && !value.isNull()) {
                        values.put(column, value.isString() ? value.asString() : value.toString());
                    }
                }
                return input(line, values);
            } catch (tools.jackson.core.JacksonException e) {
                return new Input(line, null, null, null, null, null, null, "not valid JSON");
            }
        }
    }

    private static final String JOB_SELECT = """
            select r.id, r.format, r.purpose_code, r.case_ref, r.state,
                coalesce(sum(c.records), 0), coalesce(sum(c.matched), 0), coalesce(sum(c.different), 0),
                coalesce(sum(c.not_found), 0), coalesce(sum(c.deceased), 0), coalesce(sum(c.superseded), 0),
                coalesce(sum(c.invalid), 0), r.error, r.created_at, r.started_at, r.finished_at
            from exchange.reconciliation r left join exchange.reconciliation_chunk c on c.job_id = r.id""";
    private static final String RESULT_SELECT =
            "select line_no, record_ref, outcome, personal_id, differences, error from exchange.reconciliation_result";

    private static Job job(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13),
                rs.getTimestamp(14).toInstant(), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Result result(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String differences = rs.getString(5);
        return new Result(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                differences == null ? null : List.of(JSON.readValue(differences, Difference[].class)), rs.getString(6));
    }
}
