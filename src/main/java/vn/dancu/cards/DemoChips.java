package vn.dancu.cards;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.Card;
import vn.dancu.registry.Gender;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonalIdNumber;

/**
 * make-chip's server side (demo mode only): the chip images of a registry person's current card,
 * made from the registry's data and signed by the demo CSCA's document signers, genuine and each
 * {@link ChipVariant}. The read of the person is in the access log as the administrator's.
 */
@Service
public class DemoChips {

    /** One file make-chip writes: the chip image as a reader sends it, what the check answers, and how to answer a challenge. */
    public record ChipFile(String variant, String expectedCode, String personalId, String sod, String dg1, String dg2,
                           String dg13, String dg14, String dg15, String activeAuthenticationKey, String livePhoto, String note) {
    }

    /** Everything make-chip writes: the files and the demo CSCA's certificate and revocation list (DER, base64). */
    public record ChipSet(List<ChipFile> files, String cscaCertificate, String crl) {
    }

    static final List<String> FIELDS = List.of("personalId", "fullName", "dateOfBirth", "gender", "nationality", "ethnicity",
            "religion", "placeOfOrigin", "residences", "cards", "legacyIds", "parents", "spouse");

    private final ObjectProvider<DemoCsca> demo;
    private final PersonFinder finder;
    private final Clock clock;

    DemoChips(ObjectProvider<DemoCsca> demo, PersonFinder finder, Clock clock) {
        this.demo = demo;
        this.finder = finder;
        this.clock = clock;
    }

    /** DEMO_ONLY (404) outside demo mode; PERSON_NOT_FOUND (404); NO_CARD_IN_USE (409) for a person without a card in use. */
    @Transactional
    public ChipSet make(String personalId, Staff staff) {
        DemoCsca csca = Optional.ofNullable(demo.getIfAvailable()).orElseThrow(() -> ApiProblem.notFound("DEMO_ONLY",
                "Chip images are made in demo mode only: nothing outside demo mode trusts the demo CSCA"));
        PersonalIdNumber.require(personalId);
        PersonFinder.PersonView person = finder.readFor(personalId, new PersonFinder.Requester(AccessLog.ActorType.STAFF,
                        staff.username(), "Demo chip image (make-chip)", AccessLog.Channel.API), FIELDS)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "No person has the personal ID number " + personalId));
        Card card = person.cards().stream().filter(c -> "ACTIVE".equals(c.status())).findFirst()
                .orElseThrow(() -> ApiProblem.conflict("NO_CARD_IN_USE", "The person has no identity card in use to put on a chip"));
        Dg13Data holder = ChipStatement.dg13(statement(person, card));
        List<ChipFile> files = csca.maker().makeAll(holder, clock.instant()).stream().map(m -> file(personalId, m)).toList();
        return new ChipSet(files, Base64.getEncoder().encodeToString(TrustStore.der(csca.authority().csca().certificate())),
                Base64.getEncoder().encodeToString(csca.crl()));
    }

    static CardStatement statement(PersonFinder.PersonView p, Card card) {
        PersonFinder.ResidenceView permanent = p.residences().stream().filter(r -> r.open() && "PERMANENT".equals(r.type()))
                .findFirst().orElse(null);
        return new CardStatement(new PersonalIdNumber(p.personalId()),
                p.legacyIds().isEmpty() ? null : new LegacyIdNumber(p.legacyIds().getFirst()), p.fullName(), p.dateOfBirth(),
                Gender.valueOf(p.gender()), p.nationality(), p.ethnicity(), p.religion(), p.placeOfOrigin(),
                permanent == null ? null : permanent.formatted(), null, card.issueDate(), card.expiryDate(),
                p.father() == null ? null : p.father().fullName(), p.mother() == null ? null : p.mother().fullName(),
                p.spouse() == null ? null : p.spouse().fullName());
    }

    private static ChipFile file(String personalId, ChipMaker.Made made) {
        ChipImage.Encoded g = made.image().encode();
        Base64.Encoder b64 = Base64.getEncoder();
        return new ChipFile(made.variant().name(), made.variant().expected == null ? null : made.variant().expected.name(), personalId,
                g.sod(), g.dg1(), g.dg2(), g.dg13(), g.dg14(), g.dg15(), b64.encodeToString(made.activeAuthenticationKey().getEncoded()),
                b64.encodeToString(made.livePhoto()), note(made.variant()));
    }

    private static String note(ChipVariant variant) {
        return switch (variant) {
            case VALID -> "Genuine: passive authentication passes and DG13 agrees with the registry";
            case DG13_BYTE_CHANGED -> "One byte of the name in DG13 changed after signing: DG_HASH_MISMATCH on dg13";
            case DG_HASH_MISMATCH -> "EF.SOD signed another DG2 than the one sent: DG_HASH_MISMATCH on dg2";
            case UNTRUSTED_DSC -> "Signed by a forger's CA that has the demo CSCA's name: CSCA_UNTRUSTED";
            case EXPIRED_DSC -> "Signed by a document signer whose certificate had expired: DSC_EXPIRED";
            case REVOKED_DSC -> "Signed by the document signer on the demo CSCA's revocation list: DSC_REVOKED";
            case MRZ_CHECK_DIGIT -> "The MRZ's date-of-birth check digit is wrong (signed so): MRZ_CHECK_DIGIT";
            case DG13_NAMES_DIFFER -> "Genuine signature, but DG13's name and father differ from the registry: MISMATCH in the comparison";
        };
    }
}
