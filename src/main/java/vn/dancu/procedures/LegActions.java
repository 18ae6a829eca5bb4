package vn.dancu.procedures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;
import vn.dancu.procedures.results.ResultDocument;
import vn.dancu.registry.AddressText;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.DeathRecord;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.HouseholdMembership;
import vn.dancu.registry.MarriageRecord;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceRemoval;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * What an approved leg changes in the registry, through its public API and as the approving
 * officer (so that jurisdiction, validation, history and events all apply), and the document it
 * issues. The registry's history names the procedure and the application as the reason.
 */
@Component
class LegActions {

    /** What an approval produced: the document to sign, and the person it made (a newborn's number). */
    record Outcome(ResultDocument document, String newPersonalId) {
    }

    private final Registry registry;
    private final PersonFinder finder;
    private final Units units;
    private final ProcedureCatalog catalog;
    private final long funeralSocialInsurance;
    private final long funeralWelfare;

    LegActions(Registry registry, PersonFinder finder, Units units, ProcedureCatalog catalog,
               @Value("${dancu.procedures.funeral-allowance.social-insurance:23400000}") long funeralSocialInsurance,
               @Value("${dancu.procedures.funeral-allowance.welfare:10000000}") long funeralWelfare) {
        this.registry = registry;
        this.finder = finder;
        this.units = units;
        this.catalog = catalog;
        this.funeralSocialInsurance = funeralSocialInsurance;
        this.funeralWelfare = funeralWelfare;
    }

    /** One approval being carried out: what every leg's action needs. */
    private record Approval(Application app, Leg leg, Decisions.Actor officer, Instant now, String reason, LocalDate today) {

        Map<String, String> form() {
            return app.form();
        }

        String applicant() {
            return app.applicantPersonalId();
        }
    }

    Outcome approve(Application app, Leg leg, Decisions.Actor officer, Instant now) {
        Approval a = new Approval(app, leg, officer, now, reason(app), units.today());
        return switch (leg.kind()) {
            case LEGACY_ID_CONFIRMATION -> legacyId(a);
            case PERMANENT_RESIDENCE -> residence(a, "PERMANENT");
            case TEMPORARY_RESIDENCE -> residence(a, "TEMPORARY");
            case TEMPORARY_ABSENCE -> absence(a);
            case STAY_NOTIFICATION -> stay(a);
            case BIRTH -> birth(a);
            case DEATH -> death(a);
            case MARRIAGE -> marriage(a);
            case CHILD_RESIDENCE -> childResidence(a);
            case CHILD_HEALTH_INSURANCE -> healthInsurance(a);
            case RESIDENCE_REMOVAL -> residenceRemoval(a);
            case FUNERAL_ALLOWANCE -> funeralAllowance(a);
            case GENERIC -> issued(a, a.applicant(), fields("Họ và tên", a.form().get("applicant.fullName"),
                    "Thủ tục", catalog.byAppendixNo(a.app().appendixNo()).orElseThrow().nameVi()));
        };
    }

    private Outcome residence(Approval a, String type) {
        Map<String, String> f = a.form();
        registry.registerResidence(a.applicant(), new ResidenceRegistration(type, f.get("unit"), f.get("addressLine"),
                a.today().toString(), f.get("to"), a.reason()));
        return issued(a, a.applicant(), fields("Họ và tên", f.get("applicant.fullName"),
                "Nơi đăng ký", AddressText.of(f.get("addressLine"), unitName(f.get("unit"))),
                "Từ ngày", a.today().toString(), "Đến ngày", f.getOrDefault("to", "")));
    }

    private Outcome absence(Approval a) {
        Map<String, String> f = a.form();
        registry.registerResidence(a.applicant(), new ResidenceRegistration("TEMPORARY_ABSENCE",
                f.get("applicant.residenceUnit"), f.get("destination"), f.get("from"), f.get("to"), a.reason()));
        return issued(a, a.applicant(), fields("Họ và tên", f.get("applicant.fullName"), "Nơi đến", f.get("destination"),
                "Từ ngày", f.get("from"), "Đến ngày", f.get("to"), "Lý do", f.get("reasonText")));
    }

    private Outcome stay(Approval a) {
        Map<String, String> f = a.form();
        String guest = f.get("guestPersonalId");
        registry.registerResidence(guest, new ResidenceRegistration("STAY_NOTIFICATION", f.get("unit"),
                f.get("addressLine"), f.get("from"), f.get("to"), a.reason()));
        return issued(a, guest, fields("Người lưu trú", f.get("guestFullName"),
                "Nơi lưu trú", AddressText.of(f.get("addressLine"), unitName(f.get("unit"))),
                "Từ ngày", f.get("from"), "Đến ngày", f.get("to"), "Người thông báo", f.get("applicant.fullName")));
    }

    private Outcome death(Approval a) {
        Map<String, String> f = a.form();
        String deceased = f.get("deceasedPersonalId");
        registry.recordDeath(deceased, new DeathRecord(f.get("dateOfDeath"), f.get("placeOfDeath"),
                "Giấy báo tử, hồ sơ " + a.app().code(), a.reason()));
        return issued(a, deceased, fields("Họ và tên người chết", f.get("deceased.fullName"),
                "Ngày chết", f.get("dateOfDeath"), "Nơi chết", f.get("placeOfDeath"),
                "Người đi khai tử", f.get("applicant.fullName") + " (" + f.get("relationship") + ")",
                "Nơi đăng ký", unitName(f.get("registrationUnit"))));
    }

    private Outcome marriage(Approval a) {
        Map<String, String> f = a.form();
        registry.registerMarriage(a.applicant(), new MarriageRecord(f.get("spousePersonalId"),
                f.get("registrationUnit"), a.today().toString(), a.reason()));
        return issued(a, a.applicant(), fields("Bên thứ nhất", f.get("applicant.fullName") + " (" + a.applicant() + ")",
                "Bên thứ hai", f.get("spouse.fullName") + " (" + f.get("spousePersonalId") + ")",
                "Ngày đăng ký", a.today().toString(), "Nơi đăng ký", unitName(f.get("registrationUnit"))));
    }

    private Outcome residenceRemoval(Approval a) {
        Map<String, String> f = a.form();
        String deceased = f.get("deceasedPersonalId");
        registry.removeResidence(deceased, new ResidenceRemoval("PERMANENT", a.today().toString(), a.reason()));
        return issued(a, deceased, fields("Họ và tên", f.get("deceased.fullName"),
                "Nội dung", "Xóa đăng ký thường trú do người đăng ký đã chết", "Ngày xóa", a.today().toString()));
    }

    /** A decision with the amount of the day's rules; the payment itself is the paying agency's. */
    private Outcome funeralAllowance(Approval a) {
        Map<String, String> f = a.form();
        long amount = a.leg().agency() == Agency.SOCIAL_INSURANCE ? funeralSocialInsurance : funeralWelfare;
        return issued(a, f.get("deceasedPersonalId"), fields("Người chết", f.get("deceased.fullName"),
                "Người nhận trợ cấp", f.get("applicant.fullName") + " (" + a.applicant() + ")",
                "Số tiền", "%,d đồng".formatted(amount).replace(',', '.'),
                "Tài khoản nhận", f.getOrDefault("bankAccount", "Nhận tiền mặt tại cơ quan chi trả")));
    }

    private Outcome legacyId(Approval a) {
        String applicant = a.applicant();
        String number = a.form().get("legacyId");
        PersonFinder.PersonView person = read(applicant, a, List.of("personalId", "fullName", "dateOfBirth", "legacyIds"));
        if (!person.legacyIds().contains(number)) {
            registry.linkLegacyId(applicant, number, a.reason()); // checked by the officer against the old card
        }
        return issued(a, applicant, fields("Họ và tên", person.fullName(),
                "Ngày sinh", person.dateOfBirth().toString(), "Số Chứng minh nhân dân đã cấp", number,
                "Số định danh cá nhân (số thẻ Căn cước)", applicant));
    }

    private Outcome birth(Approval a) {
        Map<String, String> f = a.form();
        boolean applicantIsFather = "MALE".equals(f.get("applicant.gender"));
        String child = registry.registerBirth(birthRegistration(f, a.reason()));
        return new Outcome(document(a, child, fields("Họ, chữ đệm, tên", f.get("child.fullName"),
                "Giới tính", "MALE".equals(f.get("child.gender")) ? "Nam" : "Nữ",
                "Ngày sinh", f.get("child.dateOfBirth"), "Nơi sinh", f.get("child.placeOfBirth"),
                "Dân tộc", f.get("child.ethnicity"), "Quốc tịch", "Việt Nam",
                applicantIsFather ? "Họ tên cha" : "Họ tên mẹ", f.get("applicant.fullName"),
                "Nơi đăng ký khai sinh", unitName(f.get("birthRegistrationUnit")))), child);
    }

    private static final Map<String, String> BIRTH_FORM_FIELDS = Map.of("fullName", "child.fullName", "gender", "child.gender",
            "dateOfBirth", "child.dateOfBirth", "placeOfBirth", "child.placeOfBirth", "ethnicity", "child.ethnicity",
            "birthRegistrationUnit", "birthRegistrationUnit");
    private static final Map<Integer, Map<String, String>> FORM_FIELDS = Map.of(9, BIRTH_FORM_FIELDS, 15, BIRTH_FORM_FIELDS,
            5, Map.of("addressLine", "destination", "unit", "applicant.residenceUnit"));

    /**
     * The form field a field of the registry's command comes from, in what an approval of procedure
     * {@code n} writes; the registry's own name when the form has no such field (the parents of a birth
     * depend on who applies, the reason is the platform's).
     */
    static String formField(int n, String registryField) {
        return FORM_FIELDS.getOrDefault(n, Map.of()).getOrDefault(registryField, registryField);
    }

    /**
     * The registration a birth's approval writes: the applicant is the father or the mother by gender,
     * the other parent is the one named. Lodging checks the same registration with the registry's rules.
     */
    static BirthRegistration birthRegistration(Map<String, String> f, String reason) {
        boolean applicantIsFather = "MALE".equals(f.get("applicant.gender"));
        String applicant = f.get("applicant.personalId");
        String other = f.get("otherParentPersonalId");
        return new BirthRegistration(f.get("child.fullName"), f.get("child.gender"), f.get("child.dateOfBirth"),
                f.get("child.placeOfBirth"), f.get("birthRegistrationUnit"), "VN", f.get("child.ethnicity"), null,
                applicantIsFather ? applicant : other, applicantIsFather ? other : applicant, null, null, null, null, reason);
    }

    private Outcome childResidence(Approval a) {
        Map<String, String> f = a.form();
        String child = a.app().subjectPersonalId();
        registry.registerResidence(child, new ResidenceRegistration("PERMANENT", f.get("residence.unit"),
                f.get("residence.address"), a.today().toString(), null, a.reason()));
        PersonFinder.PersonView parent = read(a.applicant(), a, List.of("personalId", "household"));
        if (parent.household() != null) {
            registry.addHouseholdMember(parent.household().id(), new HouseholdMembership(child,
                    relationshipToHead(parent.relationshipToHead()), a.reason()));
        }
        return issued(a, child, fields("Họ và tên", f.get("child.fullName"),
                "Nơi thường trú", AddressText.of(f.get("residence.address"), unitName(f.get("residence.unit"))),
                "Chủ hộ", parent.household() == null ? "" : parent.household().headPersonalId()));
    }

    /** The child is the head's child when the parent heads the household or is the head's spouse. */
    static String relationshipToHead(String parentRelationship) {
        if (parentRelationship == null || parentRelationship.equals("HEAD") || parentRelationship.equals("SPOUSE")) {
            return "CHILD";
        }
        return parentRelationship.equals("CHILD") ? "GRANDCHILD" : "OTHER_RELATIVE";
    }

    /**
     * A child under 6 gets a free card (Law on Health Insurance, Art. 12 and 16): code TE1, the
     * province's two digits and the last ten digits of the personal ID number; valid until the child
     * is 72 months old, or until 30 September of that year when the birthday falls before it.
     */
    private Outcome healthInsurance(Approval a) {
        Map<String, String> f = a.form();
        String child = a.app().subjectPersonalId();
        LocalDate born = LocalDate.parse(f.get("child.dateOfBirth"));
        AdministrativeUnit province = units.byId(a.leg().provinceId()).orElseThrow();
        String number = "TE1" + province.code() + child.substring(2);
        LocalDate validTo = validTo(born);
        registry.recordDocument(child, new DocumentRecord("HEALTH_INSURANCE_CARD", number, born.toString(),
                validTo.toString(), Map.of("beneficiary", "TE", "application", a.app().code())), "BHXH " + province.name());
        return issued(a, child, fields("Họ và tên", f.get("child.fullName"), "Mã số thẻ", number,
                "Ngày sinh", born.toString(), "Giá trị sử dụng", born + " đến " + validTo,
                "Nơi đăng ký khám chữa bệnh ban đầu", "Trạm y tế " + unitName(f.get("residence.unit"))));
    }

    static LocalDate validTo(LocalDate born) {
        LocalDate sixth = born.plusYears(6);
        LocalDate schoolStart = MonthDay.of(9, 30).atYear(sixth.getYear());
        return sixth.isBefore(schoolStart) ? schoolStart : sixth.minusDays(1);
    }

    private PersonFinder.PersonView read(String personalId, Approval a, List<String> fieldsRead) {
        return finder.readFor(personalId, new PersonFinder.Requester(AccessLog.ActorType.STAFF, a.officer().staff().username(),
                        "Giải quyết hồ sơ " + a.app().code(), a.officer().channel(), a.app().code(), "ADMINISTRATIVE_PROCEDURE"), fieldsRead)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "The registry has no person " + personalId));
    }

    private Outcome issued(Approval a, String personalId, LinkedHashMap<String, String> fields) {
        return new Outcome(document(a, personalId, fields), null);
    }

    /** The result document of a leg, issued in the name of its unit's agency and the approving officer. */
    private ResultDocument document(Approval a, String personalId, LinkedHashMap<String, String> fields) {
        Application app = a.app();
        Leg leg = a.leg();
        AdministrativeUnit unit = units.byId(leg.unitId()).orElseThrow();
        String issuer = (leg.agency() == Agency.SOCIAL_INSURANCE ? "Bảo hiểm xã hội " + units.byId(leg.provinceId()).orElseThrow().name()
                : unit.name() + " – " + leg.agency().nameVi) + " – " + a.officer().staff().displayName();
        String kind = leg.kind() == LegKind.GENERIC ? "PROCEDURE_" + app.appendixNo() : leg.kind().name();
        return new ResultDocument(UUID.randomUUID(), kind, leg.kind().resultVi, leg.kind().resultEn,
                leg.agency().name(), issuer, personalId, a.now(), app.code(), fields);
    }

    /** The reason the registry's history shows: the procedure and the application. */
    private String reason(Application app) {
        return "Thủ tục " + app.appendixNo() + " – " + catalog.byAppendixNo(app.appendixNo()).orElseThrow().nameVi()
                + ", hồ sơ " + app.code();
    }

    private String unitName(String code) {
        if (code == null) {
            return "";
        }
        return ApplicationViews.communeName(code, units).orElse(code);
    }

    private static LinkedHashMap<String, String> fields(String... labelsAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            fields.put(labelsAndValues[i], labelsAndValues[i + 1] == null ? "" : labelsAndValues[i + 1]);
        }
        return fields;
    }
}
