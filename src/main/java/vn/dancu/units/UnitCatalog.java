package vn.dancu.units;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, in-memory snapshot of all units and successions. There are only some 14,000
 * units, read on every jurisdiction check, so they are held in memory and the snapshot is
 * replaced as a whole after an import.
 */
final class UnitCatalog {

    record Succession(long oldUnitId, long newUnitId, LocalDate effectiveDate) {
    }

    private final Map<Long, AdministrativeUnit> byId = new HashMap<>();
    private final Map<String, List<AdministrativeUnit>> byLevelAndCode = new HashMap<>();
    private final Map<Long, List<AdministrativeUnit>> children = new HashMap<>();
    private final Map<Long, List<Long>> successors = new HashMap<>();
    private final Map<Long, List<Long>> predecessors = new HashMap<>();
    private final Map<Long, Set<AdministrativeUnit>> today = new HashMap<>();
    private final Map<Long, long[]> within = new HashMap<>();

    private final LocalDate asOf;

    /** The catalog as of a date: which units are in force, and what a dissolved one is now, depend on it. */
    UnitCatalog(Collection<AdministrativeUnit> units, Collection<Succession> successions, LocalDate asOf) {
        this.asOf = asOf;
        for (AdministrativeUnit unit : units) {
            byId.put(unit.id(), unit);
            byLevelAndCode.computeIfAbsent(key(unit.level(), unit.code()), k -> new ArrayList<>()).add(unit);
            if (unit.parentId() != null) {
                children.computeIfAbsent(unit.parentId(), k -> new ArrayList<>()).add(unit);
            }
        }
        for (Succession s : successions) {
            successors.computeIfAbsent(s.oldUnitId(), k -> new ArrayList<>()).add(s.newUnitId());
            predecessors.computeIfAbsent(s.newUnitId(), k -> new ArrayList<>()).add(s.oldUnitId());
        }
        for (AdministrativeUnit unit : units) {
            today.put(unit.id(), computeToday(unit));
        }
        computeWithin();
    }

    static String key(String level, String code) {
        return level + ":" + code;
    }

    LocalDate asOf() {
        return asOf;
    }

    Optional<AdministrativeUnit> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<AdministrativeUnit> versions(String level, String code) {
        return byLevelAndCode.getOrDefault(key(level, code), List.of());
    }

    Optional<AdministrativeUnit> validOn(String level, String code, LocalDate date) {
        return versions(level, code).stream().filter(u -> u.validOn(date)).findFirst();
    }

    List<AdministrativeUnit> all() {
        return byId.values().stream().sorted(Comparator.comparing(AdministrativeUnit::code)).toList();
    }

    List<AdministrativeUnit> children(long parentId) {
        return children.getOrDefault(parentId, List.of());
    }

    List<AdministrativeUnit> successors(long id) {
        return successors.getOrDefault(id, List.of()).stream().map(byId::get).toList();
    }

    List<AdministrativeUnit> predecessors(long id) {
        return predecessors.getOrDefault(id, List.of()).stream().map(byId::get).toList();
    }

    /** The units in force that now cover this one: itself when in force, else its successors' successors... */
    Set<AdministrativeUnit> today(long id) {
        return today.getOrDefault(id, Set.of());
    }

    /** Every unit, of any era, that lies inside the in-force unit {@code scopeId} today. */
    long[] within(long scopeId) {
        return within.getOrDefault(scopeId, new long[0]);
    }

    private Set<AdministrativeUnit> computeToday(AdministrativeUnit unit) {
        Set<AdministrativeUnit> result = new LinkedHashSet<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(unit.id()));
        Set<Long> seen = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            long id = pending.pop();
            if (!seen.add(id)) {
                continue; // a cycle in bad data must not hang the platform
            }
            AdministrativeUnit current = byId.get(id);
            if (current.validOn(asOf)) {
                result.add(current);
            } else {
                pending.addAll(successors.getOrDefault(id, List.of()));
            }
        }
        // A dissolved commune whose successor is unknown still lies in its old province's successor.
        if (result.isEmpty() && !unit.isProvince() && unit.parentId() != null) {
            result.addAll(computeToday(byId.get(unit.parentId())));
        }
        return result;
    }

    private void computeWithin() {
        Map<Long, List<Long>> scopes = new HashMap<>();
        for (AdministrativeUnit unit : byId.values()) {
            Set<Long> containing = new LinkedHashSet<>();
            for (AdministrativeUnit current : today(unit.id())) {
                containing.add(current.id());
                if (current.parentId() != null) {
                    containing.add(current.parentId());
                }
            }
            for (long scope : containing) {
                scopes.computeIfAbsent(scope, k -> new ArrayList<>()).add(unit.id());
            }
        }
        scopes.forEach((scope, ids) -> within.put(scope, ids.stream().mapToLong(Long::longValue).sorted().toArray()));
    }
}
