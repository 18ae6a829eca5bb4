package vn.dancu.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Copy;
import vn.dancu.platform.Csv;
import vn.dancu.platform.Text;
import vn.dancu.units.Units;

/**
 * The first import into an empty registry (docs/import-format.md, "National load"). Rows are
 * validated by the API's rules in parallel and COPYed into an UNLOGGED staging table; what needs
 * the other rows (numbers twice in the file, parents, households, spouses) is checked set-wise in
 * SQL; then, in ONE transaction, the registry's secondary indexes and foreign keys are dropped,
 * every table is filled with INSERT ... SELECT, and the indexes and keys are built again. A crash
 * at any point therefore leaves the registry empty (staging is scratch, rebuilt by a rerun), or
 * loaded with all its indexes. Only the name search's trigram index is built after the commit,
 * concurrently ({@link DeferredIndexes}): the data are usable before the search is fast.
 * <p>
 * An exclusive session advisory lock on {@link #LOCK} is held for the whole load; every registry
 * write takes it shared ({@link #refuseWhileLoading}), so writes are refused meanwhile, and a load
 * cannot start while a write is under way.
 */
@Component
class NationalLoad {

    static final String LOCK = "dancu.registry.national-load";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NationalLoad.class);
    private static final int BLOCK = 5_000;
    /** The tables filled by the load whose indexes and keys the runtime role owns (person_change and issued_number are dancu_audit's). */
    private static final String[] OWNED = {"registry.person", "registry.household", "registry.legacy_id", "registry.residence"};

    /** Why a load could not start; nothing was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    record Outcome(long read, long accepted, long rejected) {
    }

    private record Dropped(String table, String name, String definition, Kind kind) {
    }

    private enum Kind { FOREIGN_KEY, UNIQUE, INDEX, DEFERRED_INDEX }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final TransactionTemplate apart;
    private final PersonRules rules;
    private final Units units;
    private final ApplicationEventPublisher events;
    private final DeferredIndexes deferred;
    private final int parsers;

    NationalLoad(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, PersonRules rules, Units units,
                 ApplicationEventPublisher events, DeferredIndexes deferred, @Value("${dancu.import.parsers:2}") int parsers) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.rules = rules;
        this.units = units;
        this.events = events;
        this.deferred = deferred;
        this.parsers = Math.max(1, parsers);
    }

    /** Refuses a registry write while a national load holds the registry; the caller's transaction keeps the lock shared. */
    static void refuseWhileLoading(JdbcClient jdbc) {
        if (!jdbc.sql("select pg_try_advisory_xact_lock_shared(hashtext(?))").param(LOCK).query(Boolean.class).single()) {
            throw ApiProblem.conflict("REGISTRY_LOADING",
                    "A national load is filling the registry; writes are accepted again when it has finished");
        }
    }

    /** No person and no household: what a national load starts from. */
    boolean registryEmpty() {
        return !jdbc.sql("select exists (select 1 from registry.person) or exists (select 1 from registry.household)")
                .query(Boolean.class).single();
    }

    /** Loads the file for the job; the job's final state is written in the load's own transaction. */
    Outcome run(UUID job, Path file, String fileName, String actor) throws IOException, InterruptedException, ExecutionException {
        try (Connection holder = dataSource.getConnection()) {
            JdbcClient lock = JdbcClient.create(new SingleConnectionDataSource(holder, true));
            if (!lock.sql("select pg_try_advisory_lock(hashtext(?))").param(LOCK).query(Boolean.class).single()) {
                throw new Refused("another national load or a registry write is under way; try again in a moment");
            }
            try {
                if (!registryEmpty()) {
                    throw new Refused("the registry is not empty: a national load fills an empty registry; import without --initial");
                }
                phase(job, "STAGING");
                jdbc.sql("truncate registry.import_stage, registry.import_stage_rejection").update();
                long[] read = stage(job, file);
                if (read == null) {
                    return null;
                }
                return tx.execute(s -> write(job, fileName, actor, read[0], read[1]));
            } finally {
                lock.sql("select pg_advisory_unlock(hashtext(?))").param(LOCK).query(Boolean.class).single();
                jdbc.sql("truncate registry.import_stage, registry.import_stage_rejection").update();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the national load's lock", e);
        }
    }

    /** Parses and validates the file in parallel into staging; {@code [rows read, rows rejected]}, or null for a bad header. */
    private long[] stage(UUID job, Path file) throws IOException, InterruptedException, ExecutionException {
        BlockingQueue<List<Csv.Row>> ready = new ArrayBlockingQueue<>(parsers * 2);
        AtomicLong rejected = new AtomicLong();
        LocalDate today = units.today();
        List<FutureTask<Void>> workers = new ArrayList<>();
        for (int i = 0; i < parsers; i++) {
            FutureTask<Void> worker = new FutureTask<>(() -> {
                for (List<Csv.Row> block; !(block = ready.take()).isEmpty(); ) {
                    rejected.addAndGet(stageBlock(block, today));
                }
                return null;
            });
            workers.add(worker);
            Thread.ofPlatform().name("national-load-" + i).daemon().start(worker);
        }
        long read = 0;
        try (PersonImport.CountingStream counted = new PersonImport.CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             Csv csv = new Csv(new InputStreamReader(counted, StandardCharsets.UTF_8), false)) {
            if (!Csv.isHeader(csv.next(), ImportFormat.COLUMNS)) {
                return null;
            }
            List<Csv.Row> block = new ArrayList<>(BLOCK);
            long reported = System.nanoTime();
            for (Csv.Row row; (row = csv.next()) != null; ) {
                read++;
                block.add(row);
                if (block.size() == BLOCK) {
                    hand(ready, block, workers);
                    block = new ArrayList<>(BLOCK);
                    if (System.nanoTime() - reported > 1_000_000_000L) {
                        progress(job, read, counted.count());
                        reported = System.nanoTime();
                    }
                }
            }
            hand(ready, block, workers);
            progress(job, read, counted.count());
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                if (!ready.offer(List.of(), 10, TimeUnit.SECONDS)) {
                    workers.forEach(w -> w.cancel(true));
                }
            }
        }
        for (FutureTask<Void> worker : workers) {
            worker.get();
        }
        return new long[] {read, rejected.get()};
    }

    private static void hand(BlockingQueue<List<Csv.Row>> ready, List<Csv.Row> block, List<FutureTask<Void>> workers)
            throws InterruptedException, ExecutionException {
        if (block.isEmpty()) {
            return;
        }
        while (!ready.offer(block, 100, TimeUnit.MILLISECONDS)) {
            for (FutureTask<Void> worker : workers) {
                if (worker.isDone()) {
                    worker.get();
                    throw new IllegalStateException("a parser stopped");
                }
            }
        }
    }

    /** Validates one block as the incremental import does and COPYs it (own connection, autocommit); returns its rejected rows. */
    private long stageBlock(List<Csv.Row> block, LocalDate today) {
        StringBuilder staged = new StringBuilder(block.size() * 256);
        StringBuilder refused = new StringBuilder();
        long rejected = 0;
        for (Csv.Row row : block) {
            Object parsed = switch (row) {
                case Csv.Malformed bad -> new ImportRow.Rejected(bad.line(), "broken CSV: " + bad.reason());
                case Csv.Record record -> ImportRow.parse(record, rules, units, today);
            };
            if (parsed instanceof ImportRow r) {
                ImportRow.Residence p = r.permanent();
                ImportRow.Residence t = r.temporary();
                Copy.line(staged, r.line(), r.personalId(), r.fullName(), Text.searchKey(r.fullName()), r.gender().name(),
                        r.dateOfBirth(), r.placeOfBirth(), r.birthUnit().id(), r.ethnicity(), r.religion(), r.nationality(),
                        r.legacyId(), r.fatherPersonalId(), r.motherPersonalId(), r.householdKey(), r.relationship(),
                        p == null ? null : p.unit().id(), p == null ? null : p.address(), p == null ? null : p.from(),
                        t == null ? null : t.unit().id(), t == null ? null : t.address(), t == null ? null : t.from(),
                        t == null ? null : t.to(), r.dateOfDeath(), r.placeOfDeath());
            } else {
                ImportRow.Rejected why = (ImportRow.Rejected) parsed;
                Copy.line(refused, why.line(), why.reason());
                rejected++;
            }
        }
        Copy.in(dataSource, "copy registry.import_stage from stdin (format csv)", staged);
        Copy.in(dataSource, "copy registry.import_stage_rejection (line, reason) from stdin (format csv)", refused);
        return rejected;
    }

    private void progress(UUID job, long read, long bytes) {
        apart.executeWithoutResult(s -> jdbc.sql("update registry.import_job set rows_read = ?, bytes_read = ? where id = ?")
                .params(read, bytes, job).update());
    }

    /**
     * Records the phase in a transaction of its own, so the job's status shows it while the load's
     * transaction runs; the log says when each began, for the benchmark's analysis.
     */
    private void phase(UUID job, String phase) {
        apart.executeWithoutResult(s -> jdbc.sql("update registry.import_job set phase = ? where id = ?").params(phase, job).update());
        log.info("National load {}: {} begins {} ms after the start", job, phase, jdbc.sql(
                "select (extract(epoch from clock_timestamp() - started_at) * 1000)::bigint from registry.import_job where id = ?")
                .param(job).query(Long.class).single());
    }

    /** Everything the registry sees, in the caller's single transaction. */
    private Outcome write(UUID job, String fileName, String actor, long read, long parseRejected) {
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("set local maintenance_work_mem = '512MB'").update();
        jdbc.sql("set local max_parallel_maintenance_workers = 2").update();
        jdbc.sql("lock table registry.person, registry.household, registry.legacy_id, registry.residence in access exclusive mode").update();
        if (registryEmpty()) {
            phase(job, "CHECKING");
        } else {
            throw new Refused("the registry is not empty: a national load fills an empty registry; import without --initial");
        }
        jdbc.sql("analyze registry.import_stage").update();
        check();
        phase(job, "WRITING");
        List<Dropped> dropped = dropIndexesAndKeys();
        long accepted = fill(fileName, actor, job);
        phase(job, "INDEXING");
        rebuild(dropped);
        // Part of "data usable": millions of rows without statistics get sequential-scan plans for `= any` lookups.
        // Inside the transaction, ANALYZE counts its uncommitted rows as live. The history and the numbers belong to
        // dancu_audit (only their owner may analyse them): autovacuum does so after the commit.
        jdbc.sql("analyze " + String.join(", ", OWNED)).update();
        long rejected = parseRejected + jdbc.sql("select count(*) from load_reject").query(Long.class).single();
        jdbc.sql("""
                insert into registry.import_rejection (job_id, line, reason)
                select ?, line, reason from load_reject union all select ?, line, reason from registry.import_stage_rejection
                on conflict do nothing""").params(job, job).update();
        jdbc.sql("""
                update registry.import_job set state = 'COMPLETED', phase = null, finished_at = clock_timestamp(), rows_read = ?, accepted = ?,
                    rejected = ?, bytes_read = file_bytes where id = ?""").params(read, accepted, rejected, job).update();
        // The figures are recounted from the loaded registry rather than journalled person by person.
        events.publishEvent(new PopulationLoaded(accepted));
        return new Outcome(read, accepted, rejected);
    }

    /**
     * The checks that need other rows, set-wise, with the incremental import's reasons: a number or
     * old number seen on an earlier line, a second HEAD, parents (an earlier accepted row of the
     * right gender, born before), households (an earlier accepted HEAD), spouses; then, round by
     * round, the rows that name a row refused in the previous round.
     */
    private void check() {
        jdbc.sql("create temporary table load_reject (line bigint primary key, reason text not null, round int not null) on commit drop")
                .update();
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select s.line, 'personal_id: appears twice in the file', 0
                from registry.import_stage s
                join (select personal_id, min(line) as first from registry.import_stage group by personal_id having count(*) > 1) d
                    on d.personal_id = s.personal_id and s.line > d.first
                on conflict (line) do nothing""").update();
        // A number issued once is never issued again, even when its person is gone: the incremental import's
        // COPY into the ledger would be refused by its primary key, and the row rejected with the database's reason.
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select s.line, 'refused by the database: ERROR: duplicate key value violates unique constraint "issued_number_pkey"', 0
                from registry.import_stage s join registry.issued_number n on n.number = s.personal_id
                on conflict (line) do nothing""").update();
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select line, 'legacy_id: the old number ' || legacy_id || ' is already linked to a person', 0 from (
                    select s.line, s.legacy_id, row_number() over (partition by s.legacy_id order by s.line) as n
                    from registry.import_stage s
                    where s.legacy_id is not null and not exists (select 1 from load_reject r where r.line = s.line)) d
                where n > 1""").update();
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select line, 'household_key: the household ' || household_key || ' has a head already', 0 from (
                    select s.line, s.household_key, row_number() over (partition by s.household_key order by s.line) as n
                    from registry.import_stage s
                    where s.relationship_to_head = 'HEAD' and not exists (select 1 from load_reject r where r.line = s.line)) d
                where n > 1""").update();
        jdbc.sql("analyze load_reject").update();
        jdbc.sql("""
                create temporary table load_link on commit drop as
                with persons as (
                    select s.line, s.personal_id, s.gender, s.date_of_birth
                    from registry.import_stage s where not exists (select 1 from load_reject r where r.line = s.line)),
                heads as (
                    select s.line, s.personal_id, s.gender, s.household_key
                    from registry.import_stage s
                    where s.relationship_to_head = 'HEAD' and not exists (select 1 from load_reject r where r.line = s.line))
                select s.line, s.personal_id, s.gender, s.household_key, s.relationship_to_head as relationship,
                    s.father_personal_id is not null as names_father, f.line as father_line,
                    f.gender as father_gender, f.date_of_birth >= s.date_of_birth as father_not_older,
                    s.mother_personal_id is not null as names_mother, m.line as mother_line,
                    m.gender as mother_gender, m.date_of_birth >= s.date_of_birth as mother_not_older,
                    s.household_key is not null and s.relationship_to_head <> 'HEAD' as names_head,
                    h.line as head_line, h.personal_id as head_personal_id, h.gender as head_gender
                from registry.import_stage s
                left join persons f on f.personal_id = s.father_personal_id and f.line < s.line
                left join persons m on m.personal_id = s.mother_personal_id and m.line < s.line
                left join heads h on h.household_key = s.household_key and h.line < s.line and s.relationship_to_head <> 'HEAD'
                where (s.father_personal_id is not null or s.mother_personal_id is not null or s.household_key is not null)
                    and not exists (select 1 from load_reject r where r.line = s.line)""").update();
        jdbc.sql("create unique index on load_link (line)").update();
        jdbc.sql("analyze load_link").update();
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select line, problem, 1 from (select line, case
                    when names_father and father_line is null
                        then 'father_personal_id: no person has this number (parents must be imported first)'
                    when names_father and father_gender <> 'MALE' then 'father_personal_id: must name a male person'
                    when names_father and father_not_older then 'father_personal_id: the parent was born on or after the child'
                    when names_mother and mother_line is null
                        then 'mother_personal_id: no person has this number (parents must be imported first)'
                    when names_mother and mother_gender <> 'FEMALE' then 'mother_personal_id: must name a female person'
                    when names_mother and mother_not_older then 'mother_personal_id: the parent was born on or after the child'
                    when names_head and head_line is null
                        then 'household_key: no household ' || household_key || ' (its HEAD row must come first and be accepted)'
                    when relationship = 'SPOUSE' and head_gender = gender
                        then 'relationship_to_head: a SPOUSE is of the other gender than the head (Luật Hôn nhân và gia đình 2014)'
                    end as problem from load_link) p
                where problem is not null""").update();
        jdbc.sql("""
                insert into load_reject (line, reason, round)
                select line, 'relationship_to_head: the head ' || head_personal_id || ' is married already (one SPOUSE per household)', 1
                from (select l.line, l.head_personal_id, row_number() over (partition by l.head_line order by l.line) as n
                      from load_link l
                      where l.relationship = 'SPOUSE' and l.head_line is not null
                          and not exists (select 1 from load_reject r where r.line = l.line)) d
                where n > 1""").update();
        for (int round = 2; ; round++) {
            jdbc.sql("analyze load_reject").update();
            int refused = jdbc.sql("""
                    insert into load_reject (line, reason, round)
                    select l.line, '', ? from load_link l
                    where (l.father_line in (select line from load_reject where round = ?)
                           or l.mother_line in (select line from load_reject where round = ?)
                           or l.head_line in (select line from load_reject where round = ?))
                        and not exists (select 1 from load_reject r where r.line = l.line)""")
                    .params(round, round - 1, round - 1, round - 1).update();
            if (refused == 0) {
                break;
            }
        }
        // The reason, as the incremental import gives it: the first of father, mother, household refused in the end.
        jdbc.sql("""
                update load_reject r set reason = case
                    when exists (select 1 from load_reject f where f.line = l.father_line)
                        then 'father_personal_id: no person has this number (parents must be imported first)'
                    when exists (select 1 from load_reject m where m.line = l.mother_line)
                        then 'mother_personal_id: no person has this number (parents must be imported first)'
                    else 'household_key: no household ' || l.household_key || ' (its HEAD row must come first and be accepted)' end
                from load_link l where l.line = r.line and r.round >= 2""").update();
        jdbc.sql("""
                create temporary table load_marriage on commit drop as
                select l.line as spouse_line, l.personal_id as spouse_personal_id, l.head_line, l.head_personal_id
                from load_link l
                where l.relationship = 'SPOUSE' and not exists (select 1 from load_reject r where r.line = l.line)""").update();
        jdbc.sql("analyze load_marriage").update();
    }

    /** Drops the foreign keys, unique constraints and secondary indexes of the owned tables; primary keys stay (ids ascend). */
    private List<Dropped> dropIndexesAndKeys() {
        List<Dropped> dropped = new ArrayList<>();
        dropped.addAll(jdbc.sql("""
                        select conrelid::regclass::text as t, quote_ident(conname) as n, pg_get_constraintdef(oid) as d
                        from pg_constraint where contype = 'f' and conrelid = any(?::text[]::regclass[]) order by 1, 2""")
                .param(OWNED).query((rs, i) -> new Dropped(rs.getString("t"), rs.getString("n"), rs.getString("d"), Kind.FOREIGN_KEY)).list());
        dropped.addAll(jdbc.sql("""
                        select c.conrelid::regclass::text as t, quote_ident(c.conname) as n, pg_get_constraintdef(c.oid) as d
                        from pg_constraint c where c.contype = 'u' and c.conrelid = any(?::text[]::regclass[])
                            and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid
                                            and not f.conrelid = any(?::text[]::regclass[]))
                        order by 1, 2""")
                .params(OWNED, OWNED).query((rs, i) -> new Dropped(rs.getString("t"), rs.getString("n"), rs.getString("d"), Kind.UNIQUE)).list());
        dropped.addAll(jdbc.sql("""
                        select i.indrelid::regclass::text as t, i.indexrelid::regclass::text as n, pg_get_indexdef(i.indexrelid) as d,
                            a.amname = 'gin' as deferred
                        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
                        where i.indrelid = any(?::text[]::regclass[])
                            and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid
                                            and k.contype in ('p', 'u', 'x'))
                        order by 1, 2""")
                .param(OWNED).query((rs, i) -> new Dropped(rs.getString("t"), rs.getString("n"), rs.getString("d"),
                        rs.getBoolean("deferred") ? Kind.DEFERRED_INDEX : Kind.INDEX)).list());
        for (Dropped d : dropped) {
            jdbc.sql(switch (d.kind()) {
                case FOREIGN_KEY, UNIQUE -> "alter table " + d.table() + " drop constraint " + d.name();
                case INDEX, DEFERRED_INDEX -> "drop index " + d.name();
            }).update();
        }
        return dropped;
    }

    /** Builds again what was dropped: indexes, then unique constraints, then foreign keys (each validated by one scan). */
    private void rebuild(List<Dropped> dropped) {
        for (Kind kind : List.of(Kind.INDEX, Kind.UNIQUE, Kind.FOREIGN_KEY, Kind.DEFERRED_INDEX)) {
            for (Dropped d : dropped) {
                if (d.kind() != kind) {
                    continue;
                }
                switch (kind) {
                    case INDEX -> jdbc.sql(d.definition()).update();
                    case UNIQUE, FOREIGN_KEY -> jdbc.sql("alter table " + d.table() + " add constraint " + d.name() + " " + d.definition())
                            .update();
                    case DEFERRED_INDEX -> deferred.defer(d.name(), d.definition());
                }
            }
        }
    }

    /** INSERT ... SELECT into every table; person ids are the sequence's next value plus the line number. */
    private long fill(String fileName, String actor, UUID job) {
        long maxLine = jdbc.sql("select coalesce(max(line), 0) from registry.import_stage").query(Long.class).single();
        long person = reserve("registry.person", maxLine);
        long household = reserve("registry.household", maxLine);
        String accepted = "not exists (select 1 from load_reject r where r.line = s.line)";
        jdbc.sql("""
                insert into registry.household (id, external_key, unit_id, address_line, head_person_id)
                select ? + s.line, s.household_key, s.permanent_unit_id, s.permanent_address, ? + s.line
                from registry.import_stage s where s.relationship_to_head = 'HEAD' and\s""" + accepted)
                .params(household, person).update();
        long persons = jdbc.sql("""
                insert into registry.person (id, personal_id, full_name, name_search, gender, date_of_birth, place_of_birth,
                    birth_registration_unit_id, ethnicity, religion, nationality, father_id, mother_id, status, date_of_death,
                    place_of_death, household_id, relationship_to_head, marital_status, spouse_id)
                select :p + s.line, s.personal_id, s.full_name, s.name_search, s.gender, s.date_of_birth, s.place_of_birth,
                    s.birth_unit_id, s.ethnicity, s.religion, s.nationality, :p + l.father_line, :p + l.mother_line,
                    case when s.date_of_death is null then 'ALIVE' else 'DECEASED' end, s.date_of_death, s.place_of_death,
                    :h + case when s.relationship_to_head = 'HEAD' then s.line else l.head_line end, s.relationship_to_head,
                    case when coalesce(ms.head_line, mh.spouse_line) is null then 'SINGLE' else 'MARRIED' end,
                    :p + coalesce(ms.head_line, mh.spouse_line)
                from registry.import_stage s
                left join load_link l on l.line = s.line
                left join load_marriage ms on ms.spouse_line = s.line
                left join load_marriage mh on mh.head_line = s.line
                where\s""" + accepted).param("p", person).param("h", household).update();
        jdbc.sql("insert into registry.issued_number (number) select s.personal_id from registry.import_stage s where "
                + accepted + " order by s.personal_id").update();
        jdbc.sql("insert into registry.legacy_id (number, person_id) select s.legacy_id, ? + s.line from registry.import_stage s "
                + "where s.legacy_id is not null and " + accepted).param(person).update();
        jdbc.sql("""
                insert into registry.residence (person_id, type, unit_id, address_line, valid_from, valid_to)
                select ? + s.line, 'PERMANENT', s.permanent_unit_id, s.permanent_address, s.permanent_from, null
                from registry.import_stage s where s.permanent_unit_id is not null and\s""" + accepted + """

                union all
                select ? + s.line, 'TEMPORARY', s.temporary_unit_id, s.temporary_address, s.temporary_from, s.temporary_to
                from registry.import_stage s where s.temporary_unit_id is not null and\s""" + accepted)
                .params(person, person).update();
        // The same IMPORTED record as the incremental import writes: number, name, source line, and a marriage.
        jdbc.sql("""
                insert into registry.person_change (person_id, actor, change_type, reason, changes)
                select :p + s.line, :actor, 'IMPORTED', :reason,
                    jsonb_build_array(
                        jsonb_build_object('field', 'personalId', 'from', null, 'to', s.personal_id),
                        jsonb_build_object('field', 'fullName', 'from', null, 'to', s.full_name),
                        jsonb_build_object('field', 'source', 'from', null, 'to', :file || ':' || s.line))
                    || case when m.spouse is null then '[]'::jsonb else jsonb_build_array(
                        jsonb_build_object('field', 'maritalStatus', 'from', null, 'to', 'MARRIED'),
                        jsonb_build_object('field', 'spouse', 'from', null, 'to', m.spouse)) end
                from registry.import_stage s
                left join (select spouse_line as line, head_personal_id as spouse from load_marriage
                           union all select head_line, spouse_personal_id from load_marriage) m on m.line = s.line
                where\s""" + accepted)
                .param("p", person).param("actor", actor).param("file", fileName)
                .param("reason", "Nhập dữ liệu từ tệp " + fileName + " (lần nhập " + job + ")").update();
        return persons;
    }

    /** Reserves ids {@code first + 1 .. first + lines} of the table's sequence; returns {@code first}. */
    private long reserve(String table, long lines) {
        String sequence = "pg_get_serial_sequence('" + table + "', 'id')";
        long first = jdbc.sql("select nextval(" + sequence + ")").query(Long.class).single();
        jdbc.sql("select setval(" + sequence + ", ?)").param(first + lines + 1).query(Long.class).single();
        return first;
    }
}
