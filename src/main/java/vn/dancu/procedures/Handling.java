package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.Text;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.Registry;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * How each procedure is handled: the legs it runs, where (the unit whose officers act), and the
 * checks that belong to lodging rather than to the registry (who the application is about, the
 * applicant's choices). The registry checks again, with its own rules, when a leg is approved.
 */
final class Handling {

    /** The procedures that work end to end here. */
    static final Set<Integer> WORKING = Set.of(1, 3, 4, 5, 6, 9, 10, 11, 15, 16);

    record Plan(List<ApplicationRepository.NewLeg> legs, String subject, List<String> warnings) {
    }

    private final Units units;
    private final Prefill prefill;
    private final Prefill.Reader reader;
    private final Registry registry;

    Handling(Units units, Prefill prefill, Prefill.Reader reader, Registry registry) {
        this.units = units;
        this.prefill = prefill;
        this.reader = reader;
        this.registry = registry;
    }

    /**
     * The checks that compare values of the form, recorded with the form's own errors so that the
     * applicant gets them all at once. A birth is checked with the registry's own rules for the
     * registration its approval will write ({@link LegActions#birthRegistration}).
     */
    void check(int n, Map<String, String> f, PersonView applicant, LocalDate today, FieldErrors errors) {
        if (n == 9 || n == 15) {
            birthChecks(f, applicant, today, errors);
            registryBirthRules(n, f, errors);
        }
    }

    private void registryBirthRules(int n, Map<String, String> f, FieldErrors errors) {
        String other = f.get("otherParentPersonalId");
        boolean readOther = other != null && !errors.has("otherParentPersonalId");
        if (readOther) {
            // the registry's parent rules read the other parent's gender and dates: a read of them, in the access log
            prefill.other(other, n, reader, List.of("personalId", "gender", "dateOfBirth", "dateOfDeath"));
        }
        Map<String, String> registration = new java.util.HashMap<>(f);
        registration.putIfAbsent("birthRegistrationUnit", f.get("applicant.residenceUnit"));
        boolean applicantIsFather = "MALE".equals(f.get("applicant.gender"));
        String otherField = applicantIsFather ? "motherPersonalId" : "fatherPersonalId";
        for (ApiProblem.FieldProblem p : registry.checkBirth(LegActions.birthRegistration(registration, null))) {
            String field = p.field().equals(otherField) ? "otherParentPersonalId"
                    : p.code().equals("BORN_AFTER_CHILD") ? "child.dateOfBirth"
                    : p.field().endsWith("PersonalId") ? "applicant.personalId"
                    : LegActions.formField(n, p.field());
            if (!errors.has(field)) {
                errors.add(field, p.code(), p.message());
                if (readOther && field.equals("otherParentPersonalId")) {
                    prefill.refused(reader, other, p.code());
                }
            }
        }
    }

    /** {@code leadAgency}: who handles a procedure that is enabled without a handling of its own. */
    Plan plan(int n, Map<String, String> f, PersonView applicant, LocalDate today, Agency leadAgency, Set<String> confirmed) {
        List<String> warnings = new ArrayList<>();
        String subject = null;
        List<ApplicationRepository.NewLeg> legs = new ArrayList<>();
        switch (n) {
            case 1 -> {
                if (!f.get("legacyId").matches("[0-9]{9}")) {
                    throw ApiProblem.invalidField("legacyId", "INVALID_FORMAT", "An old ID card (CMND) number has exactly 9 digits");
                }
                legs.add(leg(1, LegKind.LEGACY_ID_CONFIRMATION, residenceUnit(f), null));
            }
            case 3 -> legs.add(leg(1, LegKind.PERMANENT_RESIDENCE, f.get("unit"), null));
            case 4 -> {
                requireOrder(f, "from", today.toString(), "to");
                if (LocalDate.parse(f.get("to")).isAfter(today.plusYears(2))) {
                    throw ApiProblem.invalidField("to", "TOO_LONG", "A temporary residence is registered for at most 2 years at a time");
                }
                legs.add(leg(1, LegKind.TEMPORARY_RESIDENCE, f.get("unit"), null));
            }
            case 5 -> {
                requireOrder(f, "from", f.get("from"), "to");
                legs.add(leg(1, LegKind.TEMPORARY_ABSENCE, residenceUnit(f), null));
            }
            case 6 -> {
                requireOrder(f, "from", f.get("from"), "to");
                subject = guest(f);
                legs.add(leg(1, LegKind.STAY_NOTIFICATION, f.get("unit"), null));
            }
            case 9, 15 -> {
                sameNameSibling(n, f, confirmed, warnings);
                f.putIfAbsent("birthRegistrationUnit", residenceUnit(f));
                legs.add(leg(1, LegKind.BIRTH, f.get("birthRegistrationUnit"), null));
                if (n == 15) {
                    legs.add(leg(2, LegKind.CHILD_RESIDENCE, f.get("residence.unit"), null));
                    legs.add(leg(3, LegKind.CHILD_HEALTH_INSURANCE, f.get("residence.unit"), null));
                }
            }
            case 10, 16 -> {
                PersonView deceased = deceased(f, today, warnings);
                subject = deceased.personalId();
                String home = Prefill.permanent(deceased).map(r -> Prefill.inForce(r.unit())).orElse(null);
                f.putIfAbsent("registrationUnit", home);
                if (home != null && !home.equals(f.get("registrationUnit"))) {
                    // the commune of the last permanent residence registers the death (Luật Hộ tịch, Điều 32)
                    throw ApiProblem.invalidField("registrationUnit", "NOT_COMPETENT",
                            "The commune of the deceased's permanent residence registers the death: leave the field empty");
                }
                if (f.get("registrationUnit") == null) {
                    throw ApiProblem.invalidField("registrationUnit", "REQUIRED",
                            "The deceased had no permanent residence: name the commune that registers the death");
                }
                legs.add(leg(1, LegKind.DEATH, f.get("registrationUnit"), null));
                if (n == 16) {
                    deathLegs(f, deceased, home, legs);
                }
            }
            case 11 -> {
                subject = spouse(f, n);
                f.putIfAbsent("registrationUnit", residenceUnit(f));
                legs.add(leg(1, LegKind.MARRIAGE, f.get("registrationUnit"), null));
            }
            default -> legs.add(leg(1, LegKind.GENERIC, residenceUnit(f), leadAgency));
        }
        return new Plan(List.copyOf(legs), subject, warnings);
    }

    private void deathLegs(Map<String, String> f, PersonView deceased, String home, List<ApplicationRepository.NewLeg> legs) {
        boolean removal = "true".equals(f.get("includeResidenceRemoval"));
        boolean allowance = "true".equals(f.get("includeFuneralAllowance"));
        if (removal && home == null) {
            throw ApiProblem.invalidField("includeResidenceRemoval", "NO_PERMANENT_RESIDENCE",
                    "The deceased has no permanent residence to remove");
        }
        if (allowance) {
            f.putIfAbsent("allowanceAgency", "SOCIAL_INSURANCE");
        }
        String where = home != null ? home : f.get("registrationUnit");
        var removalLeg = leg(2, LegKind.RESIDENCE_REMOVAL, where, null);
        legs.add(removal ? removalLeg : skipped(removalLeg));
        Agency payer = allowance ? Agency.valueOf(f.get("allowanceAgency")) : Agency.SOCIAL_INSURANCE;
        var funeral = leg(3, LegKind.FUNERAL_ALLOWANCE, where, payer);
        legs.add(allowance ? funeral : skipped(funeral));
    }

    private void birthChecks(Map<String, String> f, PersonView applicant, LocalDate today, FieldErrors errors) {
        String dateOfBirth = f.get("child.dateOfBirth");
        LocalDate born = dateOfBirth == null ? null : LocalDate.parse(dateOfBirth);
        if (born == null) {
            // refused already by the form's rules
        } else if (born.isAfter(today)) {
            errors.add("child.dateOfBirth", "IN_FUTURE", "The date of birth is after today");
        } else if (!applicant.dateOfBirth().isBefore(born)) {
            errors.add("child.dateOfBirth", "BEFORE_PARENT", "The child is born before the applicant");
        } else if (f.containsKey("residence.unit") && born.plusYears(6).isBefore(today.plusDays(1))) {
            errors.add("child.dateOfBirth", "NOT_UNDER_SIX", "The linked procedure is for children under 6");
        }
        String other = f.get("otherParentPersonalId");
        if (other != null && other.equals(applicant.personalId())) {
            errors.add("otherParentPersonalId", "SAME_PERSON", "The other parent is not the applicant");
        }
    }

    /**
     * A parent who already has a child of this name and date of birth: most likely the same child
     * registered again, but twins may lawfully be given the same name, so it is a warning the
     * applicant confirms past ({@link Applications#SAME_NAME_SIBLING}), not a refusal; the officer
     * sees it on the application and checks the hospital's birth certificates.
     */
    private void sameNameSibling(int n, Map<String, String> f, Set<String> confirmed, List<String> warnings) {
        if (prefill.sameNameChildren(n, f, reader).isEmpty()) {
            return;
        }
        if (!confirmed.contains(Applications.SAME_NAME_SIBLING)) {
            String message = "A parent already has a child of this name born on this day: confirm that this is another child (a twin)";
            throw new ApiProblem(org.springframework.http.HttpStatus.CONFLICT, Applications.SAME_NAME_SIBLING, message,
                    List.of(new ApiProblem.FieldProblem("child.fullName", Applications.SAME_NAME_SIBLING, message)));
        }
        warnings.add("Cha hoặc mẹ đã có con cùng họ tên và ngày sinh trong CSDLQGDC; người nộp xác nhận đây là trẻ khác (sinh đôi)");
    }

    private PersonView deceased(Map<String, String> f, LocalDate today, List<String> warnings) {
        String id = f.get("deceasedPersonalId");
        if (id.equals(f.get("applicant.personalId"))) {
            throw ApiProblem.invalidField("deceasedPersonalId", "SAME_PERSON", "The applicant declares someone else's death");
        }
        LocalDate died = LocalDate.parse(f.get("dateOfDeath"));
        if (died.isAfter(today)) {
            throw ApiProblem.invalidField("dateOfDeath", "IN_FUTURE", "The date of death is after today");
        }
        PersonView deceased = checked(id, () -> {
            PersonView found = prefill.other(id, 10, reader, List.of("personalId", "fullName", "status", "residences"))
                    .orElseThrow(() -> ApiProblem.invalidField("deceasedPersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number"));
            if (!"ALIVE".equals(found.status()) && !"MISSING".equals(found.status())) {
                throw ApiProblem.invalidField("deceasedPersonalId", "DEATH_ALREADY_REGISTERED", "The death of this person is registered");
            }
            return found;
        });
        if (died.plusDays(Applications.LATE_DEATH_DAYS).isBefore(today)) {
            warnings.add("Khai tử quá hạn 15 ngày kể từ ngày chết (Luật Hộ tịch, Điều 33)");
        }
        f.put("deceased.fullName", deceased.fullName());
        return deceased;
    }

    /** The guest of a stay notification is named by the host: the name must match the registry, which is not shown. */
    private String guest(Map<String, String> f) {
        String id = f.get("guestPersonalId");
        return checked(id, () -> {
            var guest = prefill.other(id, 6, reader, List.of("personalId", "fullName"));
            if (guest.isEmpty() || !Text.searchKey(guest.get().fullName()).equals(Text.searchKey(f.get("guestFullName")))) {
                throw ApiProblem.invalidField("guestFullName", "GUEST_MISMATCH",
                        "The personal ID number and the name do not belong to the same person");
            }
            return id;
        });
    }

    private String spouse(Map<String, String> f, int n) {
        String id = f.get("spousePersonalId");
        if (id.equals(f.get("applicant.personalId"))) {
            throw ApiProblem.invalidField("spousePersonalId", "SAME_PERSON", "A person cannot marry themselves");
        }
        var spouse = checked(id, () -> prefill.other(id, n, reader, List.of("personalId", "fullName"))
                .orElseThrow(() -> ApiProblem.invalidField("spousePersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number")));
        f.put("spouse.fullName", spouse.fullName());
        return id;
    }

    /** A check that reads someone else: when it refuses, the attempt stays in the log of refused reads. */
    private <T> T checked(String personalId, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (ApiProblem refused) {
            prefill.refused(reader, personalId, refused.code());
            throw refused;
        }
    }

    private static void requireOrder(Map<String, String> f, String fromField, String from, String toField) {
        if (from != null && f.get(toField) != null && LocalDate.parse(f.get(toField)).isBefore(LocalDate.parse(from))) {
            throw ApiProblem.invalidField(toField, "BEFORE_START", toField + " is before " + fromField);
        }
    }

    private static String residenceUnit(Map<String, String> f) {
        String unit = f.get("applicant.residenceUnit");
        if (unit == null) {
            throw ApiProblem.conflict("NO_RESIDENCE", "The registry has no residence for the applicant; register one first");
        }
        return unit;
    }

    private ApplicationRepository.NewLeg leg(int no, LegKind kind, String communeCode, Agency agency) {
        AdministrativeUnit commune = units.find(AdministrativeUnit.COMMUNE, communeCode, units.today())
                .orElseThrow(() -> ApiProblem.conflict("UNIT_NOT_IN_FORCE", "The commune " + communeCode + " is not in force"));
        Agency acting = agency != null ? agency : kind.agency;
        return new ApplicationRepository.NewLeg(no, kind, acting, commune.id(), units.province(commune).id(), "WAITING");
    }

    private static ApplicationRepository.NewLeg skipped(ApplicationRepository.NewLeg leg) {
        return new ApplicationRepository.NewLeg(leg.legNo(), leg.kind(), leg.agency(), leg.unitId(), leg.provinceId(), "SKIPPED");
    }

    /** The type the first bytes show (PDF, JPEG, PNG): an attachment is what it says it is. */
    static java.util.Optional<String> sniff(byte[] b) {
        if (b.length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            return java.util.Optional.of("application/pdf");
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return java.util.Optional.of("image/jpeg");
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return java.util.Optional.of("image/png");
        }
        return java.util.Optional.empty();
    }
}
