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
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.Registry;
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

    Outcome approve(Application app, Leg leg, Decisions.Actor officer, Instant now) {
        Map<String, String> f = app.form();
        String reason = reason(app);
        LocalDate today = units.today();
        String applicant = app.applicantPersonalId();
        return switch (leg.kind()) {
            case LEGACY_ID_CONFIRMATION -> legacyId(app, leg, officer, now, reason);
            case PERMANENT_RESIDENCE, TEMPORARY_RESIDENCE -> {
                String type = leg.kind() == LegKind.PERMANENT_RESIDENCE ? "PERMANENT" : "TEMPORARY";
                registry.registerResidence(applicant, new Registry.ResidenceRegistration(type, f.get("unit"), f.get("addressLine"),
                        today.toString(), f.get("to"), reason));
                yield outcome(app, leg, officer, now, applicant, fields(
                        "Họ và tên", f.get("applicant.fullName"),
                        "Nơi đăng ký", f.get("addressLine") + ", " + unitName(f.get("unit")),
                        "Từ ngày", today.toString(),
                        "Đến ngày", f.getOrDefault("to", "")), null);
            }
            case TEMPORARY_ABSENCE -> {
                registry.registerResidence(applicant, new Registry.ResidenceRegistration("TEMPORARY_ABSENCE",
                        f.get("applicant.residenceUnit"), f.get("destination"), f.get("from"), f.get("to"), reason));
                yield outcome(app, leg, officer, now, applicant, fields("Họ và tên", f.get("applicant.fullName"),
                        "Nơi đến", f.get("destination"), "Từ ngày", f.get("from"), "Đến ngày", f.get("to"),
                        "Lý do", f.get("reasonText")), null);
            }
            case STAY_NOTIFICATION -> {
                String guest = f.get("guestPersonalId");
                registry.registerResidence(guest, new Registry.ResidenceRegistration("STAY_NOTIFICATION", f.get("unit"),
                        f.get("addressLine"), f.get("from"), f.get("to"), reason));
                yield outcome(app, leg, officer, now, guest, fields("Người lưu trú", f.get("guestFullName"),
                        "Nơi lưu trú", f.get("addressLine") + ", " + unitName(f.get("unit")),
                        "Từ ngày", f.get("from"), "Đến ngày", f.get("to"),
                        "Người thông báo", f.get("applicant.fullName")), null);
            }
            case BIRTH -> birth(app, leg, officer, now, reason);
            case DEATH -> {
                String deceased = f.get("deceasedPersonalId");
                registry.recordDeath(deceased, new Registry.DeathRecord(f.get("dateOfDeath"), f.get("placeOfDeath"),
                        "Giấy báo tử, hồ sơ " + app.code(), reason));
                yield outcome(app, leg, officer, now, deceased, fields("Họ và tên người chết", f.get("deceased.fullName"),
                        "Ngày chết", f.get("dateOfDeath"), "Nơi chết", f.get("placeOfDeath"),
                        "Người đi khai tử", f.get("applicant.fullName") + " (" + f.get("relationship") + ")",
                        "Nơi đăng ký", unitName(f.get("registrationUnit"))), null);
            }
            case MARRIAGE -> {
                registry.registerMarriage(applicant, new Registry.MarriageRecord(f.get("spousePersonalId"),
                        f.get("registrationUnit"), today.toString(), reason));
                yield outcome(app, leg, officer, now, applicant, fields("Bên thứ nhất", f.get("applicant.fullName") + " (" + applicant + ")",
                        "Bên thứ hai", f.get("spouse.fullName") + " (" + f.get("spousePersonalId") + ")",
                        "Ngày đăng ký", today.toString(), "Nơi đăng ký", unitName(f.get("registrationUnit"))), null);
            }
            case CHILD_RESIDENCE -> childResidence(app, leg, officer, now, reason);
            case CHILD_HEALTH_INSURANCE -> healthInsurance(app, leg, officer, now);
            case RESIDENCE_REMOVAL -> {
                String deceased = f.get("deceasedPersonalId");
                registry.removeResidence(deceased, new Registry.ResidenceRemoval("PERMANENT", today.toString(), reason));
                yield outcome(app, leg, officer, now, deceased, fields("Họ và tên", f.get("deceased.fullName"),
                        "Nội dung", "Xóa đăng ký thường trú do người đăng ký đã chết", "Ngày xóa", today.toString()), null);
            }
            case FUNERAL_ALLOWANCE -> {
                long amount = leg.agency() == Agency.SOCIAL_INSURANCE ? funeralSocialInsurance : funeralWelfare;
                yield outcome(app, leg, officer, now, f.get("deceasedPersonalId"), fields(
                        "Người chết", f.get("deceased.fullName"),
                        "Người nhận trợ cấp", f.get("applicant.fullName") + " (" + applicant + ")",
                        "Số tiền", "%,d đồng".formatted(amount).replace(',', '.'),
                        "Tài khoản nhận", f.getOrDefault("bankAccount", "Nhận tiền mặt tại cơ quan chi trả")), null);
            }
            case GENERIC -> outcome(app, leg, officer, now, applicant, fields("Họ và tên", f.get("applicant.fullName"),
                    "Thủ tục", catalog.byAppendixNo(app.appendixNo()).orElseThrow().nameVi()), null);
        };
    }

    private Outcome legacyId(Application app, Leg leg, Decisions.Actor officer, Instant now, String reason) {
        String applicant = app.applicantPersonalId();
        String number = app.form().get("legacyId");
        PersonFinder.PersonView person = read(applicant, officer, app, List.of("personalId", "fullName", "dateOfBirth", "legacyIds"));
        if (!person.legacyIds().contains(number)) {
            registry.linkLegacyId(applicant, number, reason); // checked by the officer against the old card
        }
        return outcome(app, leg, officer, now, applicant, fields("Họ và tên", person.fullName(),
                "Ngày sinh", person.dateOfBirth().toString(), "Số Chứng minh nhân dân đã cấp", number,
                "Số định danh cá nhân (số thẻ Căn cước)", applicant), null);
    }

    private Outcome birth(Application app, Leg leg, Decisions.Actor officer, Instant now, String reason) {
        Map<String, String> f = app.form();
        boolean applicantIsFather = "MALE".equals(f.get("applicant.gender"));
        String other = f.get("otherParentPersonalId");
        String father = applicantIsFather ? app.applicantPersonalId() : other;
        String mother = applicantIsFather ? other : app.applicantPersonalId();
        String child = registry.registerBirth(new Registry.BirthRegistration(f.get("child.fullName"), f.get("child.gender"),
                f.get("child.dateOfBirth"), f.get("child.placeOfBirth"), f.get("birthRegistrationUnit"), "VN",
                f.get("child.ethnicity"), null, father, mother, null, null, null, null, reason));
        return outcome(app, leg, officer, now, child, fields("Họ, chữ đệm, tên", f.get("child.fullName"),
                "Giới tính", "MALE".equals(f.get("child.gender")) ? "Nam" : "Nữ",
                "Ngày sinh", f.get("child.dateOfBirth"), "Nơi sinh", f.get("child.placeOfBirth"),
                "Dân tộc", f.get("child.ethnicity"), "Quốc tịch", "Việt Nam",
                applicantIsFather ? "Họ tên cha" : "Họ tên mẹ", f.get("applicant.fullName"),
                "Nơi đăng ký khai sinh", unitName(f.get("birthRegistrationUnit"))), child);
    }

    private Outcome childResidence(Application app, Leg leg, Decisions.Actor officer, Instant now, String reason) {
        Map<String, String> f = app.form();
        String child = app.subjectPersonalId();
        registry.registerResidence(child, new Registry.ResidenceRegistration("PERMANENT", f.get("residence.unit"),
                f.get("residence.address"), units.today().toString(), null, reason));
        PersonFinder.PersonView parent = read(app.applicantPersonalId(), officer, app, List.of("personalId", "household"));
        if (parent.household() != null) {
            registry.addHouseholdMember(parent.household().id(), new Registry.HouseholdMembership(child,
                    relationshipToHead(parent.relationshipToHead()), reason));
        }
        return outcome(app, leg, officer, now, child, fields("Họ và tên", f.get("child.fullName"),
                "Nơi thường trú", f.get("residence.address") + ", " + unitName(f.get("residence.unit")),
                "Chủ hộ", parent.household() == null ? "" : parent.household().headPersonalId()), null);
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
    private Outcome healthInsurance(Application app, Leg leg, Decisions.Actor officer, Instant now) {
        Map<String, String> f = app.form();
        String child = app.subjectPersonalId();
        LocalDate born = LocalDate.parse(f.get("child.dateOfBirth"));
        AdministrativeUnit province = units.byId(leg.provinceId()).orElseThrow();
        String number = "TE1" + province.code() + child.substring(2);
        LocalDate validTo = validTo(born);
        registry.recordDocument(child, new Registry.DocumentRecord("HEALTH_INSURANCE_CARD", number, born.toString(),
                validTo.toString(), Map.of("beneficiary", "TE", "application", app.code())), "BHXH " + province.name());
        return outcome(app, leg, officer, now, child, fields("Họ và tên", f.get("child.fullName"), "Mã số thẻ", number,
                "Ngày sinh", born.toString(), "Giá trị sử dụng", born + " đến " + validTo,
                "Nơi đăng ký khám chữa bệnh ban đầu", "Trạm y tế " + unitName(f.get("residence.unit"))), null);
    }

    static LocalDate validTo(LocalDate born) {
        LocalDate sixth = born.plusYears(6);
        LocalDate schoolStart = MonthDay.of(9, 30).atYear(sixth.getYear());
        return sixth.isBefore(schoolStart) ? schoolStart : sixth.minusDays(1);
    }

    private PersonFinder.PersonView read(String personalId, Decisions.Actor officer, Application app, List<String> fieldsRead) {
        return finder.readFor(personalId, new PersonFinder.Requester(AccessLog.ActorType.STAFF, officer.staff().username(),
                        "Giải quyết hồ sơ " + app.code(), officer.channel(), app.code(), "ADMINISTRATIVE_PROCEDURE"), fieldsRead)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "The registry has no person " + personalId));
    }

    private Outcome outcome(Application app, Leg leg, Decisions.Actor officer, Instant now, String personalId,
                            LinkedHashMap<String, String> fields, String newPersonalId) {
        AdministrativeUnit unit = units.byId(leg.unitId()).orElseThrow();
        String issuer = (leg.agency() == Agency.SOCIAL_INSURANCE ? "Bảo hiểm xã hội " + units.byId(leg.provinceId()).orElseThrow().name()
                : unit.name() + " – " + leg.agency().nameVi) + " – " + officer.staff().displayName();
        String kind = leg.kind() == LegKind.GENERIC ? "PROCEDURE_" + app.appendixNo() : leg.kind().name();
        return new Outcome(new ResultDocument(UUID.randomUUID(), kind, leg.kind().resultVi, leg.kind().resultEn,
                leg.agency().name(), issuer, personalId, now, app.code(), fields), newPersonalId);
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
        return units.find(AdministrativeUnit.COMMUNE, code, units.today()).map(u -> u.name() + " (" + u.code() + ")").orElse(code);
    }

    private static LinkedHashMap<String, String> fields(String... labelsAndValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            fields.put(labelsAndValues[i], labelsAndValues[i + 1] == null ? "" : labelsAndValues[i + 1]);
        }
        return fields;
    }
}
