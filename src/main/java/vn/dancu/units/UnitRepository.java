package vn.dancu.units;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.dancu.platform.Text;

@Repository
class UnitRepository {

    private final JdbcClient jdbc;

    UnitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from units.unit)").query(Boolean.class).single();
    }

    List<AdministrativeUnit> findAll() {
        return jdbc.sql("select * from units.unit").query(UnitRepository::map).list();
    }

    List<UnitCatalog.Succession> findSuccessions() {
        return jdbc.sql("select old_unit_id, new_unit_id, effective_date from units.succession")
                .query((rs, n) -> new UnitCatalog.Succession(rs.getLong(1), rs.getLong(2),
                        rs.getObject(3, LocalDate.class)))
                .list();
    }

    Optional<Long> idOf(String level, String code, LocalDate validFrom) {
        return jdbc.sql("""
                        select id from units.unit
                        where level = ? and code = ? and coalesce(valid_from, date '0001-01-01') = coalesce(?::date, date '0001-01-01')""")
                .params(level, code, validFrom).query(Long.class).optional();
    }

    /** Inserts or updates the version identified by level, code and start of validity. */
    long upsert(UnitImporter.UnitRow row, Long parentId) {
        Optional<Long> existing = idOf(row.level(), row.code(), row.validFrom());
        if (existing.isPresent()) {
            jdbc.sql("""
                            update units.unit set name = ?, type = ?, parent_id = ?, valid_to = ?, id_issuing_code = ?,
                                   name_search = ? where id = ?""")
                    .params(row.name(), row.type(), parentId, row.validTo(), row.idIssuingCode(),
                            Text.searchKey(row.name()), existing.get())
                    .update();
            return existing.get();
        }
        return jdbc.sql("""
                        insert into units.unit (code, level, name, type, parent_id, valid_from, valid_to, id_issuing_code, name_search)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(row.code(), row.level(), row.name(), row.type(), parentId, row.validFrom(), row.validTo(),
                        row.idIssuingCode(), Text.searchKey(row.name()))
                .query(Long.class).single();
    }

    void upsertSuccession(long oldId, long newId, LocalDate effective) {
        jdbc.sql("""
                        insert into units.succession (old_unit_id, new_unit_id, effective_date) values (?, ?, ?)
                        on conflict (old_unit_id, new_unit_id) do update set effective_date = excluded.effective_date""")
                .params(oldId, newId, effective).update();
    }

    private static AdministrativeUnit map(ResultSet rs, int n) throws SQLException {
        Long parent = rs.getObject("parent_id", Long.class);
        return new AdministrativeUnit(rs.getLong("id"), rs.getString("code"), rs.getString("level"),
                rs.getString("name"), rs.getString("type"), parent,
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("id_issuing_code"));
    }
}
