package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.flag;
import static vn.dancu.procedures.Forms.fromRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.Fee;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.Card;
import vn.dancu.registry.CardIssue;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * Procedure 2: re-issuing a lost identity card, exchanging a damaged, outdated or expired one, or
 * converting an old card (CMND, or a citizen identity card without chip) into the identity card of the
 * Law on Identification 2023. The police of the applicant's commune take it; the card is issued within
 * 7 working days (Law on Identification 2023, Art. 26); the registry's card in use becomes REPLACED.
 */
@Component
class IdCardReissue implements Procedure<IdCardReissue.Form> {

    static final Step CARD = new Step("ID_CARD", Agency.POLICE, 7);
    static final String AUTHORITY = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";

    /** {@code currentCardIssued}: the registry's card in use, null when it has none. */
    record Form(FormValues.Applicant applicant, String reason, boolean boundaryChange, String currentCardIssued) {
    }

    @Override
    public int appendixNo() {
        return 2;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistry("card.issueDate", Forms.Type.DATE), fromRegistry("card.expiryDate", Forms.Type.DATE),
                choice("reissueReason", "LOST", "DAMAGED", "DETAILS_CHANGED", "EXPIRED", "CONVERSION"), flag("boundaryChange"));
    }

    @Override
    public List<Step> steps() {
        return List.of(CARD);
    }

    /** The card in use, as the registry holds it. */
    @Override
    public Map<String, String> prefill(PersonView applicant) {
        Map<String, String> card = new LinkedHashMap<>();
        current(applicant).ifPresent(c -> {
            card.put("card.issueDate", c.issueDate().toString());
            if (c.expiryDate() != null) {
                card.put("card.expiryDate", c.expiryDate().toString());
            }
        });
        return card;
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("reissueReason"), v.flag("boundaryChange"), v.text("card.issueDate"));
    }

    /** A card is re-issued or exchanged only when the registry holds one; an old card is converted without. */
    @Override
    public void check(Form form, Lodging lodging) {
        if (form.reason() != null && !form.reason().equals("CONVERSION") && form.currentCardIssued() == null) {
            lodging.errors().add("reissueReason", "NO_CARD",
                    "The registry holds no identity card of the applicant: choose CONVERSION for an old card (CMND)");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(CARD, lodging.residenceUnit());
    }

    @Override
    public Optional<Fee> fee(Form form) {
        long amount = PoliceFees.card(form.reason(), form.boundaryChange());
        return amount == 0 ? Optional.empty() : Optional.of(Fee.of(amount, "Lệ phí cấp thẻ căn cước", "Identity card fee",
                PoliceFees.CARD_SOURCE));
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String applicant = a.applicantPersonalId();
        Card card = a.registry().issueCard(applicant, new CardIssue(a.today().toString(), AUTHORITY, a.reason()));
        return a.issue(applicant, "Họ và tên", form.applicant().fullName(), "Số định danh cá nhân", applicant,
                "Lý do", REASONS.get(form.reason()), "Ngày cấp", card.issueDate().toString(),
                "Có giá trị đến", card.expiryDate() == null ? "Không thời hạn" : card.expiryDate().toString(),
                "Nơi cấp", AUTHORITY);
    }

    private static final Map<String, String> REASONS = Map.of("LOST", "Cấp lại do bị mất", "DAMAGED", "Cấp đổi do bị hư hỏng",
            "DETAILS_CHANGED", "Cấp đổi do thay đổi thông tin", "EXPIRED", "Cấp đổi khi đến tuổi đổi thẻ",
            "CONVERSION", "Chuyển đổi từ Chứng minh nhân dân, Căn cước công dân");

    private static Optional<Card> current(PersonView person) {
        return person.cards().stream().filter(c -> "ACTIVE".equals(String.valueOf(c.status()))).findFirst();
    }
}
