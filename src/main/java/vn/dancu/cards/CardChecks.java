package vn.dancu.cards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonFinder;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The public API of the cards module: does what an identity card states agree with the registry?
 * One method, {@link #check}, answers every reader of a card: a member's API call on its QR code,
 * an officer at the counter, a chip's DG13 after passive authentication. The answer is yes/no per
 * field the card states, whether the holder is alive and which of the holder's cards it is
 * ({@link CardCheck}); no registry value leaves. The comparison rules are in {@link CardComparison}.
 *
 * <p>Who may check: the caller decides and builds the reader with {@link #member} (a member whose
 * policy admits its product and purpose, as exchange's verify) or {@link #officer} (a staff role
 * that reads persons). An officer checks a card at any counter, whatever the holder's residence:
 * the holder presents the card in person, a card is used nationwide (Law on Identification 2023,
 * Art. 20), and the answer discloses no registry value; so no jurisdiction applies, as for the
 * members. Every check is in the access log with its purpose.
 */
@Service
public class CardChecks {

    /** The fields a check reads of the holder besides those the card states: the number, whether alive, the cards. */
    static final List<String> ALWAYS_READ = List.of("personalId", "status", "cards");
    private static final List<String> RELATIVE_FIELDS = List.of("personalId", "fullName");

    private final PersonFinder finder;
    private final AccessLog accessLog;
    private final Units units;

    CardChecks(PersonFinder finder, AccessLog accessLog, Units units) {
        this.finder = finder;
        this.accessLog = accessLog;
        this.units = units;
    }

    /**
     * Compares the card with the registry, and writes the read to the access log in this same
     * transaction (joins the caller's, as exchange's metering does). The access log names the
     * registry fields compared ({@link #loggedFields}) for the holder, and the parents' or spouse's
     * number and name when their names were compared. A number that names nobody reads nothing
     * and logs nothing ({@link CardCheck#notFound()}).
     *
     * @param card what the card states; validated by its reader (a QR's parser, a chip's DG13 parser)
     * @param reader who reads and why: {@link #member} or {@link #officer}
     */
    @Transactional
    public CardCheck check(CardStatement card, PersonFinder.Requester reader) {
        Optional<PersonFinder.PersonView> person = finder.readFor(card.personalId().value(), reader, loggedFields(card));
        if (person.isEmpty()) {
            return CardCheck.notFound();
        }
        logRelatives(card, person.get(), reader);
        PersonFinder.ResidenceView permanent = CardComparison.permanentResidence(person.get());
        CardComparison.RegisteredAddress address = permanent == null ? null : address(permanent);
        return CardComparison.compare(card, person.get(), address, units.today());
    }

    /**
     * Reads a card's QR text (DOMAIN.md §3) as of the platform's today, with the number's province
     * code checked against the units that issue numbers; see {@link CardQr} for what is accepted.
     */
    public CardQr.Reading readQr(String text) {
        return CardQr.parse(text, units.today(), code -> !units.provincesTodayByIssuingCode(code).isEmpty());
    }

    /** A member's read, as exchange's verify records it: the purpose code, the member's detail and case. */
    public static PersonFinder.Requester member(String memberCode, String purposeCode, String purposeDetail, String caseRef) {
        String purpose = purposeDetail == null || purposeDetail.isBlank() ? purposeCode : purposeCode + ": " + purposeDetail.strip();
        return new PersonFinder.Requester(AccessLog.ActorType.MEMBER, memberCode, purpose, AccessLog.Channel.API,
                caseRef == null || caseRef.isBlank() ? null : caseRef.strip(), purposeCode);
    }

    /**
     * An officer's read with the purpose they state, checked as the registry checks every staff read:
     * required, plain text of at most 500 characters, and a leading code ("IDENTITY_CHECK: …") must be
     * one of the access log's. Refused with 400 {@code PURPOSE_REQUIRED}, {@code PURPOSE_INVALID} or
     * {@code PURPOSE_CODE_UNKNOWN}, and 403 {@code ROLE_CANNOT_READ_PERSONS} for a role that reads no one.
     */
    public PersonFinder.Requester officer(Staff staff, String purpose, AccessLog.Channel channel) {
        if (!staff.role().readsPersons()) {
            throw ApiProblem.forbidden("ROLE_CANNOT_READ_PERSONS", "The role " + staff.role() + " does not read citizens' data");
        }
        AccessLog.StatedPurpose stated = accessLog.statedPurpose(purpose, "purpose");
        return new PersonFinder.Requester(AccessLog.ActorType.STAFF, staff.username(), stated.text(), channel, null, stated.code());
    }

    /** The registry fields a check of this card reads, as the access log names them. */
    public static List<String> loggedFields(CardStatement card) {
        Set<String> fields = new LinkedHashSet<>(ALWAYS_READ);
        for (String stated : card.statedFields()) {
            switch (stated) {
                case "legacyId" -> fields.add("legacyIds");
                case "permanentAddress" -> fields.add("residences");
                case "issueDate", "expiryDate" -> fields.add("cards");
                case "fatherName", "motherName" -> fields.add("parents");
                case "spouseName" -> fields.add("spouse");
                case "identifyingFeatures" -> { } // compared with nothing: the registry keeps none
                default -> fields.add(stated);
            }
        }
        return List.copyOf(fields);
    }

    /** A parent's or spouse's name compared is a read of their name. */
    private void logRelatives(CardStatement card, PersonFinder.PersonView person, PersonFinder.Requester reader) {
        List<PersonFinder.PersonRef> relatives = new ArrayList<>();
        if (card.fatherName() != null && person.father() != null) {
            relatives.add(person.father());
        }
        if (card.motherName() != null && person.mother() != null) {
            relatives.add(person.mother());
        }
        if (card.spouseName() != null && person.spouse() != null) {
            relatives.add(person.spouse());
        }
        accessLog.recordAll(relatives.stream().map(r -> new AccessLog.Entry(reader.type(), reader.actor(), r.personalId(),
                RELATIVE_FIELDS, reader.purpose(), reader.channel(), reader.caseRef(), reader.purposeCode())).toList());
    }

    /** The registered address's unit under every name it had or has across the 2025 reform. */
    private CardComparison.RegisteredAddress address(PersonFinder.ResidenceView residence) {
        Set<String> communes = new LinkedHashSet<>();
        Set<String> provinces = new LinkedHashSet<>();
        if (residence.unit() != null) {
            for (AdministrativeUnit unit : units.versions(residence.unit().level(), residence.unit().code())) {
                if (!java.util.Objects.equals(unit.validTo(), residence.unit().validTo())) {
                    continue; // another era's unit under the same code
                }
                List<AdministrativeUnit> related = new ArrayList<>(List.of(unit));
                related.addAll(units.today(unit));
                related.addAll(units.predecessors(unit));
                for (AdministrativeUnit u : related) {
                    communes.add(u.name());
                    provinces.add(units.province(u).name());
                }
            }
        }
        return new CardComparison.RegisteredAddress(residence.addressLine(), communes, provinces);
    }
}
