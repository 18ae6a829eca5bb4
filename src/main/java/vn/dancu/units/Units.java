package vn.dancu.units;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The public API of the administrative-units module: which unit a code names on a date, what
 * a dissolved unit is today, and whether one unit lies inside another.
 */
@Service
public class Units implements SmartInitializingSingleton {

    private final UnitRepository repository;
    private final UnitImporter importer;
    private final Clock clock;
    private static final String CACHE = "units";
    private final org.springframework.context.ApplicationEventPublisher events;
    private final AtomicReference<UnitCatalog> catalog = new AtomicReference<>();

    private final vn.dancu.platform.CacheBus bus;

    Units(UnitRepository repository, UnitImporter importer, Clock clock, org.springframework.context.ApplicationEventPublisher events,
          vn.dancu.platform.CacheBus bus) {
        this.bus = bus;
        // another node imported unit lists: the catalog is read again (the module events stay on the importing node)
        bus.register(CACHE, detail -> reload());
        this.repository = repository;
        this.importer = importer;
        this.clock = clock;
        this.events = events;
    }

    /** On the first start the bundled unit lists are loaded; later imports replace them in place. */
    @Override
    public void afterSingletonsInstantiated() {
        if (repository.isEmpty()) {
            try (Reader units = bundled("units/units.csv"); Reader successions = bundled("units/successions.csv")) {
                UnitImporter.Result result = importer.importCsv(units, successions);
                if (!result.errors().isEmpty()) {
                    throw new IllegalStateException("The bundled unit lists are invalid: " + result.errors());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        reload();
    }

    /**
     * Imports unit lists (format in docs/units-format.md) and makes them visible at once; then
     * announces {@link UnitsChanged} to whoever keeps data by unit.
     */
    public UnitImporter.Result importCsv(Reader units, Reader successionsOrNull) throws IOException {
        UnitImporter.Result result = importer.importCsv(units, successionsOrNull);
        reload();
        bus.changed(CACHE);
        if (result.units() + result.successions() > 0) {
            events.publishEvent(new UnitsChanged(result.units(), result.successions()));
        }
        return result;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Optional<AdministrativeUnit> byId(long id) {
        return catalog().byId(id);
    }

    /** The unit of this level and code in force on {@code date}. */
    public Optional<AdministrativeUnit> find(String level, String code, LocalDate date) {
        return catalog().validOn(level, code, date);
    }

    /** Every version that ever carried this code, newest first. */
    public List<AdministrativeUnit> versions(String level, String code) {
        return catalog().versions(level, code).stream()
                .sorted((a, b) -> compareNullsFirst(b.validFrom(), a.validFrom())).toList();
    }

    public List<AdministrativeUnit> list(String level, Long parentId, LocalDate date) {
        List<AdministrativeUnit> candidates = parentId == null ? catalog().all() : catalog().children(parentId);
        return candidates.stream().filter(u -> u.level().equals(level) && u.validOn(date))
                .sorted(java.util.Comparator.comparing(AdministrativeUnit::code)).toList();
    }

    /**
     * The units of {@code level} in force on {@code date} whose code starts with what was typed or
     * whose name contains it, ignoring case and diacritics ("cau giay" finds Phường Cầu Giấy), in
     * code order, at most {@code limit}; nothing for fewer than two characters. For the fields where
     * people pick a unit by typing its name.
     */
    public List<AdministrativeUnit> search(String level, String typed, LocalDate date, int limit) {
        String key = vn.dancu.platform.Text.searchKey(typed);
        if (key.length() < 2) {
            return List.of();
        }
        return list(level, null, date).stream()
                .filter(u -> u.code().startsWith(key) || vn.dancu.platform.Text.searchKey(u.name()).contains(key)).limit(limit).toList();
    }

    public AdministrativeUnit province(AdministrativeUnit unit) {
        return unit.isProvince() ? unit : catalog().byId(unit.parentId()).orElseThrow();
    }

    public List<AdministrativeUnit> successors(AdministrativeUnit unit) {
        return catalog().successors(unit.id());
    }

    public List<AdministrativeUnit> predecessors(AdministrativeUnit unit) {
        return catalog().predecessors(unit.id());
    }

    /** The units in force that cover {@code unit} today, through the old-to-new mapping. */
    public Set<AdministrativeUnit> today(AdministrativeUnit unit) {
        return catalog().today(unit.id());
    }

    /** The province in force today that holds {@code unitId}; empty when the mapping does not say. */
    public Optional<AdministrativeUnit> provinceToday(long unitId) {
        return catalog().today(unitId).stream().map(this::province).findFirst();
    }

    /** Whether {@code unitId} (of any era) lies inside the in-force unit {@code scopeUnitId} today. */
    public boolean within(long unitId, long scopeUnitId) {
        return Arrays.binarySearch(catalog().within(scopeUnitId), unitId) >= 0;
    }

    /** Ids of every unit, of any era, inside {@code scopeUnitId} today: for SQL filters. */
    public long[] idsWithin(long scopeUnitId) {
        return catalog().within(scopeUnitId).clone();
    }

    /** The provinces in force today that an issuing code (first three digits of an ID) stands for. */
    public Set<AdministrativeUnit> provincesTodayByIssuingCode(String issuingCode) {
        Set<AdministrativeUnit> result = new LinkedHashSet<>();
        catalog().all().stream()
                .filter(u -> u.isProvince() && issuingCode.equals(u.idIssuingCode()))
                .forEach(u -> result.addAll(today(u)));
        return result;
    }

    /** The catalog of today: rebuilt when the date changes, so that a reform dated ahead takes effect on its day. */
    private UnitCatalog catalog() {
        UnitCatalog current = catalog.get();
        if (current == null || !current.asOf().equals(today())) {
            reload();
            current = catalog.get();
        }
        return current;
    }

    private void reload() {
        catalog.set(new UnitCatalog(repository.findAll(), repository.findSuccessions(), today()));
    }

    private static Reader bundled(String path) throws IOException {
        return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
    }

    private static int compareNullsFirst(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
