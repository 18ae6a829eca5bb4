package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * {@code statistics.unit_map}: what each recorded unit counts as today, from {@link Units#today}.
 * A unit that split is covered by several units today; its figures go to the one with the lowest
 * id (the first successor as the units module numbered them), so that every instance and every
 * rebuild chooses alike. A rebuild after a split still counts each person in their own commune:
 * residences name communes, and only communes that ceased are mapped this way.
 */
@Component
class UnitMap {

    record Target(long unitId, Long communeId, Long provinceId) {
    }

    private final JdbcClient jdbc;
    private final Units units;

    UnitMap(JdbcClient jdbc, Units units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    /** Adds the units not mapped yet; inside the caller's transaction. */
    void ensure(Collection<Long> unitIds) {
        if (unitIds.isEmpty()) {
            return;
        }
        List<Long> missing = jdbc.sql("""
                        select u from unnest(?::bigint[]) u where not exists (select 1 from statistics.unit_map m where m.unit_id = u)""")
                .param(unitIds.stream().distinct().toArray(Long[]::new)).query(Long.class).list();
        write(missing.stream().map(this::target).toList());
    }

    /**
     * Maps again every unit mapped so far, and every unit figures are kept for: after an import of
     * units, or when a reform dated ahead takes effect. Returns how many mappings changed.
     */
    int refresh() {
        List<Long> all = jdbc.sql("""
                        select unit_id from statistics.unit_map
                        union select unit_id from statistics.figure where unit_id <> 0
                        union select k1::bigint from statistics.figure where fact = 'moves'""")
                .query(Long.class).list();
        List<Target> targets = all.stream().map(this::target).toList();
        int changed = jdbc.sql("""
                        select count(*) from unnest(?::bigint[], ?::bigint[], ?::bigint[]) t(unit_id, commune_id, province_id)
                        left join statistics.unit_map m using (unit_id)
                        where m.unit_id is null or m.commune_id is distinct from t.commune_id or m.province_id is distinct from t.province_id""")
                .params(ids(targets, Target::unitId), ids(targets, Target::communeId), ids(targets, Target::provinceId))
                .query(Integer.class).single();
        write(targets);
        return changed;
    }

    private void write(List<Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into statistics.unit_map (unit_id, commune_id, province_id)
                        select * from unnest(?::bigint[], ?::bigint[], ?::bigint[])
                        on conflict (unit_id) do update set commune_id = excluded.commune_id, province_id = excluded.province_id""")
                .params(ids(targets, Target::unitId), ids(targets, Target::communeId), ids(targets, Target::provinceId))
                .update();
    }

    /** The commune and province in force today that cover {@code unitId}; the nation only when none does. */
    Target target(long unitId) {
        if (unitId == 0) {
            return new Target(0, null, null);
        }
        Set<AdministrativeUnit> today = units.byId(unitId).map(units::today).orElse(Set.of());
        AdministrativeUnit commune = first(today, false);
        if (commune != null) {
            return new Target(unitId, commune.id(), units.province(commune).id());
        }
        AdministrativeUnit province = first(today, true);
        return new Target(unitId, null, province == null ? null : province.id());
    }

    private static AdministrativeUnit first(Set<AdministrativeUnit> units, boolean province) {
        return units.stream().filter(u -> u.isProvince() == province).min(Comparator.comparingLong(AdministrativeUnit::id)).orElse(null);
    }

    private static Long[] ids(List<Target> targets, java.util.function.Function<Target, Long> id) {
        List<Long> values = new ArrayList<>(targets.size());
        targets.forEach(t -> values.add(id.apply(t)));
        return values.toArray(Long[]::new);
    }
}
