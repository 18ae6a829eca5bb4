package vn.dancu.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonalIdNumber;

/**
 * {@code POST /api/v1/exchange/verify}: does what a member holds about a person agree with the
 * registry? The answer is yes or no per attribute, whether the person is alive and the card
 * valid; no value of the registry leaves. Rules only: no I/O here.
 */
final class Verification {

    static final String PRODUCT = "verification";
    static final int MAX_PURPOSE_DETAIL = 300;

    /** What the member submits; at least one attribute beside the number. */
    record Request(String personalId, String legacyId, String fullName, String dateOfBirth, String gender, String address,
                   String cardNumber, String purpose, String purposeDetail, String caseRef) {
    }

    /** The yes/no answers; {@code matches} holds one entry per submitted attribute. */
    record Answer(boolean found, Boolean alive, Boolean cardValid, Boolean legacyIdLinked, Map<String, Boolean> matches,
                  int fieldsCharged) {
    }

    /** A request that passed validation: the number to look up and what to compare. */
    record Checked(Request request, String number, List<String> attributes, LocalDate dateOfBirth, String gender,
                   String purposeCode) {
    }

    private Verification() {
    }

    static Checked check(Request r, Members.Policy policy, Set<String> purposeCodes) {
        FieldErrors errors = new FieldErrors();
        String purpose = purpose(errors, r.purpose(), r.purposeDetail(), r.caseRef(), policy, purposeCodes);
        String number = null;
        boolean hasId = r.personalId() != null && !r.personalId().isBlank();
        boolean hasLegacy = r.legacyId() != null && !r.legacyId().isBlank();
        if (hasId == hasLegacy) {
            errors.add("personalId", "ONE_NUMBER_REQUIRED", "Give either personalId (12 digits) or legacyId (the old 9 digits)");
        } else if (hasId) {
            number = Matching.digits(r.personalId());
            if (!PersonalIdNumber.isWellFormed(number)) {
                errors.add("personalId", "INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED);
            }
        } else {
            number = Matching.digits(r.legacyId());
            if (!LegacyIdNumber.isWellFormed(number)) {
                errors.add("legacyId", "INVALID_LEGACY_ID", LegacyIdNumber.MALFORMED);
            }
        }
        List<String> attributes = new ArrayList<>();
        add(attributes, "fullName", r.fullName(), errors, 150);
        add(attributes, "dateOfBirth", r.dateOfBirth(), errors, 10);
        add(attributes, "gender", r.gender(), errors, 6);
        add(attributes, "address", r.address(), errors, 400);
        add(attributes, "cardNumber", r.cardNumber(), errors, 20);
        LocalDate dob = attributes.contains("dateOfBirth") ? errors.date("dateOfBirth", r.dateOfBirth()) : null;
        String gender = attributes.contains("gender") ? errors.oneOf("gender", r.gender(), Set.of("MALE", "FEMALE")) : null;
        errors.throwIfAny();
        return new Checked(r, number, List.copyOf(attributes), dob, gender, purpose);
    }

    private static void add(List<String> attributes, String field, String value, FieldErrors errors, int max) {
        if (value != null && !value.isBlank()) {
            if (value.length() > max) {
                errors.add(field, "TOO_LONG", field + " has at most " + max + " characters");
            }
            attributes.add(field);
        }
    }

    /** The purpose code must be one of the policy's; the detail and case reference are free text. */
    static String purpose(FieldErrors errors, String code, String detail, String caseRef, Members.Policy policy,
                          Set<String> purposeCodes) {
        if (code == null || code.isBlank()) {
            errors.add("purpose", "PURPOSE_REQUIRED", "State the purpose code of this call, one of " + policy.purposes());
        } else if (!purposeCodes.contains(code.strip())) {
            errors.add("purpose", "PURPOSE_CODE_UNKNOWN", code.strip() + " is not a purpose code");
        }
        if (detail != null && (detail.length() > MAX_PURPOSE_DETAIL || detail.chars().anyMatch(Character::isISOControl))) {
            errors.add("purposeDetail", "INVALID", "Plain text of at most " + MAX_PURPOSE_DETAIL + " characters");
        }
        if (caseRef != null && (caseRef.length() > 100 || caseRef.chars().anyMatch(Character::isISOControl))) {
            errors.add("caseRef", "INVALID", "Plain text of at most 100 characters");
        }
        return code == null ? null : code.strip();
    }

    /** The access log's purpose text: the code, and what the member added. */
    static String purposeText(String code, String detail) {
        return detail == null || detail.isBlank() ? code : code + ": " + detail.strip();
    }

    static PersonFinder.Requester requester(Members.Caller caller, String purposeCode, String detail, String caseRef,
                                            AccessLog.Channel channel) {
        return new PersonFinder.Requester(AccessLog.ActorType.MEMBER, caller.member().code(), purposeText(purposeCode, detail),
                channel, caseRef == null || caseRef.isBlank() ? null : caseRef.strip(), purposeCode);
    }

    /** The fields the access log records for a check: what was compared, and the two facts always answered. */
    static List<String> loggedFields(Checked c) {
        List<String> fields = new ArrayList<>(c.attributes());
        fields.add("status");
        fields.add("cardValidity");
        return fields;
    }

    static Answer answer(Checked c, PersonFinder.Facts facts, String nameMatching) {
        if (facts == null) {
            return new Answer(false, null, null, null, Map.of(), 0);
        }
        Request r = c.request();
        Map<String, Boolean> matches = new LinkedHashMap<>();
        for (String attribute : c.attributes()) {
            matches.put(attribute, switch (attribute) {
                case "fullName" -> Matching.name(r.fullName(), facts.fullName(), nameMatching);
                case "dateOfBirth" -> facts.dateOfBirth().equals(c.dateOfBirth());
                case "gender" -> facts.gender().equals(c.gender());
                case "address" -> Matching.address(r.address(), facts.currentAddress());
                case "cardNumber" -> facts.activeCard() != null
                        && facts.activeCard().cardNumber().equals(Matching.digits(r.cardNumber()));
                default -> throw new IllegalStateException(attribute);
            });
        }
        Boolean legacy = LegacyIdNumber.isWellFormed(c.number()) ? Boolean.TRUE : null;
        return new Answer(true, facts.alive(), facts.cardValid(), legacy, matches, matches.size() + 2);
    }
}
