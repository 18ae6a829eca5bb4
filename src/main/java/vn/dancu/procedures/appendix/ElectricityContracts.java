package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.Text;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.ResidenceType;
import vn.dancu.procedures.Prefill;

/**
 * What procedures 24 and 25 share: the electricity purchase contracts a person holds, kept as their
 * {@code ELECTRICITY_CONTRACT} documents (details: {@code address}, {@code unit}, {@code purpose}, {@code phases}), and
 * the numbers of new ones: "PD", the province's two digits and eight digits in order.
 */
@Component
class ElectricityContracts {

    private final JdbcClient jdbc;

    ElectricityContracts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String newNumber(String provinceCode) {
        return "PD" + provinceCode + String.format("%08d",
                jdbc.sql("select nextval('procedures.electricity_contract_seq')").query(Long.class).single() % 100_000_000);
    }

    /** The contracts in force on {@code day}. */
    static List<Document> inForce(List<Document> documents, LocalDate day) {
        return documents.stream().filter(d -> d.kind().equals(DocumentKind.ELECTRICITY_CONTRACT.name()))
                .filter(d -> d.validTo() == null || !d.validTo().isBefore(day)).toList();
    }

    static Optional<Document> inForce(List<Document> documents, String number, LocalDate day) {
        return inForce(documents, day).stream().filter(d -> d.number().equals(number)).findFirst();
    }

    /** Whether an address (commune and line) is the same place, ignoring case, spacing and diacritics. */
    static boolean samePlace(String unit, String line, String otherUnit, String otherLine) {
        return unit != null && unit.equals(otherUnit) && line != null && otherLine != null
                && Text.searchKey(line).equals(Text.searchKey(otherLine));
    }

    /**
     * Whether the person lives at the place by the registry (a permanent or temporary residence open today): then the
     * registry proves the premises and no document is asked for (the once-only rule).
     */
    static boolean livesAt(PersonView person, String unit, String line) {
        return person.residences().stream().filter(r -> r.open() && ResidenceType.valueOf(r.type()).isLiving())
                .anyMatch(r -> samePlace(Prefill.inForce(r.unit()), r.addressLine(), unit, line));
    }
}
