package vn.dancu.cli;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import vn.dancu.registry.ImportFormat;

/**
 * The floor row of {@code bench registry}: what the national load writes, in plain SQL with no
 * validation, into scratch copies of the registry's tables in schema {@code bench_floor}, timed in one
 * transaction and dropped afterwards. The registry itself is not touched (the load that follows needs
 * it empty).
 */
final class SameWritesInPlainSql {

    /** The tables the load fills; the first four get their secondary indexes and keys after the data, as in the load. */
    private static final List<String> AFTER = List.of("person", "household", "legacy_id", "residence");
    private static final List<String> BEFORE = List.of("issued_number", "person_change");

    private SameWritesInPlainSql() {
    }

    static double measure(DataSource dataSource, Path file) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("drop schema if exists bench_floor cascade");
            s.execute("create schema bench_floor");
            for (String table : concat(AFTER, BEFORE)) {
                s.execute("create table bench_floor." + table + " (like registry." + table + " including defaults including constraints)");
            }
            List<String> primaryKeys = definitions(s, "c.contype = 'p'", concat(AFTER, BEFORE));
            List<String> early = new ArrayList<>(definitions(s, "c.contype in ('u', 'f')", BEFORE));
            early.addAll(indexes(s, BEFORE));
            List<String> late = new ArrayList<>(indexes(s, AFTER));
            late.addAll(definitions(s, "c.contype = 'u'", AFTER));
            late.addAll(definitions(s, "c.contype = 'f'", AFTER));
            c.commit();

            long start = System.nanoTime();
            run(s, primaryKeys);
            run(s, early);
            s.execute("set local work_mem = '256MB'");
            s.execute("set local maintenance_work_mem = '512MB'");
            s.execute("create unlogged table bench_floor.raw (line bigint generated always as identity, "
                    + String.join(" text, ", ImportFormat.COLUMNS) + " text)");
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_floor.raw (" + String.join(", ", ImportFormat.COLUMNS)
                        + ") from stdin (format csv, header true)", reader);
            }
            for (String statement : WRITES) {
                s.execute(statement);
            }
            run(s, late);
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            s.execute("drop schema bench_floor cascade");
            c.commit();
            return seconds;
        }
    }

    private static void run(Statement s, List<String> statements) throws SQLException {
        for (String statement : statements) {
            s.execute(statement);
        }
    }

    /** Constraint definitions of the registry's tables, pointed at the scratch copies (only keys between them). */
    private static List<String> definitions(Statement s, String kind, List<String> tables) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
                select c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid),
                       c.confrelid = 0 or c.confrelid::regclass::text = any(array['registry.%s'])
                from pg_constraint c where c.conrelid = any(array['registry.%s']::regclass[]) and %s order by 1, 2"""
                .formatted(String.join("', 'registry.", concat(AFTER, BEFORE)), String.join("', 'registry.", tables), kind))) {
            while (rs.next()) {
                if (rs.getBoolean(4)) {
                    found.add("alter table " + scratch(rs.getString(1)) + " add constraint " + rs.getString(2) + " " + scratch(rs.getString(3)));
                }
            }
        }
        return found;
    }

    /** Secondary indexes (not behind a constraint, not the trigram index the load builds after its commit). */
    private static List<String> indexes(Statement s, List<String> tables) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
                select pg_get_indexdef(i.indexrelid)
                from pg_index i join pg_class x on x.oid = i.indexrelid join pg_am a on a.oid = x.relam
                where i.indrelid = any(array['registry.%s']::regclass[]) and a.amname <> 'gin'
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
                order by 1""".formatted(String.join("', 'registry.", tables)))) {
            while (rs.next()) {
                found.add(scratch(rs.getString(1)));
            }
        }
        return found;
    }

    private static String scratch(String sql) {
        return sql.replace("registry.", "bench_floor.");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static final String COMMUNE = """
            left join lateral (select u.id from units.unit u where u.level = 'COMMUNE' and u.code = r.%1$s
                and (u.valid_from is null or u.valid_from <= nullif(r.%2$s, '')::date)
                and (u.valid_to is null or u.valid_to >= nullif(r.%2$s, '')::date) limit 1) %3$s on true
            """;

    /** The typed rows the validation would give, the links between them, then the load's INSERT ... SELECTs. */
    private static final List<String> WRITES = List.of("""
            create unlogged table bench_floor.stage as
            select r.line, r.personal_id, r.full_name, lower(r.full_name) as name_search, r.gender, r.date_of_birth::date as date_of_birth,
                r.place_of_birth, b.id as birth_unit_id, r.nationality, r.ethnicity, nullif(r.religion, '') as religion,
                nullif(r.legacy_id, '') as legacy_id, nullif(r.father_personal_id, '') as father, nullif(r.mother_personal_id, '') as mother,
                nullif(r.household_key, '') as household_key, nullif(r.relationship_to_head, '') as relationship,
                p.id as permanent_unit_id, nullif(r.permanent_address, '') as permanent_address, nullif(r.permanent_from, '')::date as permanent_from,
                t.id as temporary_unit_id, nullif(r.temporary_address, '') as temporary_address, nullif(r.temporary_from, '')::date as temporary_from,
                nullif(r.temporary_to, '')::date as temporary_to, nullif(r.date_of_death, '')::date as date_of_death,
                nullif(r.place_of_death, '') as place_of_death
            from bench_floor.raw r
            """ + COMMUNE.formatted("birth_registration_unit", "birth_registration_date", "b")
                    + COMMUNE.formatted("permanent_unit", "permanent_from", "p")
                    + COMMUNE.formatted("temporary_unit", "temporary_from", "t"),
            "analyze bench_floor.stage",
            """
            create unlogged table bench_floor.link as
            select s.line, f.line as father_line, m.line as mother_line, h.line as head_line
            from bench_floor.stage s
            left join bench_floor.stage f on f.personal_id = s.father
            left join bench_floor.stage m on m.personal_id = s.mother
            left join bench_floor.stage h on h.household_key = s.household_key and h.relationship = 'HEAD'
            """,
            """
            create unlogged table bench_floor.marriage as
            select distinct on (l.head_line) s.line as spouse_line, s.personal_id as spouse_personal_id, l.head_line,
                h.personal_id as head_personal_id
            from bench_floor.stage s join bench_floor.link l on l.line = s.line join bench_floor.stage h on h.line = l.head_line
            where s.relationship = 'SPOUSE' order by l.head_line, s.line
            """,
            "analyze bench_floor.link",
            "analyze bench_floor.marriage",
            """
            insert into bench_floor.household (id, external_key, unit_id, address_line, head_person_id)
            select s.line, s.household_key, s.permanent_unit_id, s.permanent_address, s.line
            from bench_floor.stage s where s.relationship = 'HEAD'
            """,
            """
            insert into bench_floor.person (id, personal_id, full_name, name_search, gender, date_of_birth, place_of_birth,
                birth_registration_unit_id, ethnicity, religion, nationality, father_id, mother_id, status, date_of_death,
                place_of_death, household_id, relationship_to_head, marital_status, spouse_id)
            select s.line, s.personal_id, s.full_name, s.name_search, s.gender, s.date_of_birth, s.place_of_birth,
                s.birth_unit_id, s.ethnicity, s.religion, s.nationality, l.father_line, l.mother_line,
                case when s.date_of_death is null then 'ALIVE' else 'DECEASED' end, s.date_of_death, s.place_of_death,
                case when s.relationship = 'HEAD' then s.line else l.head_line end, s.relationship,
                case when coalesce(ms.head_line, mh.spouse_line) is null then 'SINGLE' else 'MARRIED' end,
                coalesce(ms.head_line, mh.spouse_line)
            from bench_floor.stage s
            left join bench_floor.link l on l.line = s.line
            left join bench_floor.marriage ms on ms.spouse_line = s.line
            left join bench_floor.marriage mh on mh.head_line = s.line
            """,
            "insert into bench_floor.issued_number (number) select s.personal_id from bench_floor.stage s order by s.personal_id",
            "insert into bench_floor.legacy_id (number, person_id) select s.legacy_id, s.line from bench_floor.stage s where s.legacy_id is not null",
            """
            insert into bench_floor.residence (person_id, type, unit_id, address_line, valid_from, valid_to)
            select s.line, 'PERMANENT', s.permanent_unit_id, s.permanent_address, s.permanent_from, null
            from bench_floor.stage s where s.permanent_unit_id is not null
            union all
            select s.line, 'TEMPORARY', s.temporary_unit_id, s.temporary_address, s.temporary_from, s.temporary_to
            from bench_floor.stage s where s.temporary_unit_id is not null
            """,
            """
            insert into bench_floor.person_change (person_id, actor, change_type, reason, changes)
            select s.line, 'bench', 'IMPORTED', 'Nhập dữ liệu từ tệp persons.csv',
                jsonb_build_array(
                    jsonb_build_object('field', 'personalId', 'from', null, 'to', s.personal_id),
                    jsonb_build_object('field', 'fullName', 'from', null, 'to', s.full_name),
                    jsonb_build_object('field', 'source', 'from', null, 'to', 'persons.csv:' || s.line))
                || case when m.spouse is null then '[]'::jsonb else jsonb_build_array(
                    jsonb_build_object('field', 'maritalStatus', 'from', null, 'to', 'MARRIED'),
                    jsonb_build_object('field', 'spouse', 'from', null, 'to', m.spouse)) end
            from bench_floor.stage s
            left join (select spouse_line as line, head_personal_id as spouse from bench_floor.marriage
                       union all select head_line, spouse_personal_id from bench_floor.marriage) m on m.line = s.line
            """);
}
