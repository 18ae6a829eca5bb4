package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.text;

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
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * Procedure 7: registering a motorbike or moped and issuing its plate, with the police of the owner's
 * commune (Circular 79/2024/TT-BCA: the certificate within 2 working days). The fee depends on the area
 * and the vehicle's value (Circular 60/2023/TT-BTC). The approval allocates the plate ({@link PoliceNumbers})
 * and records the registration as the owner's integrated document (VEHICLE_REGISTRATION).
 */
@Component
class MotorbikeRegistration implements Procedure<MotorbikeRegistration.Form> {

    static final Step REGISTRATION = new Step("VEHICLE_REGISTRATION", Agency.POLICE, 2);
    static final String ISSUER = "Công an xã, phường";

    /** {@code value}: the declared value in đồng (null when not a whole number). */
    record Form(FormValues.Applicant applicant, String brand, String engineNumber, String chassisNumber, String colour, Long value) {
    }

    private final Units units;
    private final PoliceNumbers numbers;

    MotorbikeRegistration(Units units, PoliceNumbers numbers) {
        this.units = units;
        this.numbers = numbers;
    }

    @Override
    public int appendixNo() {
        return 7;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("brand"), text("engineNumber"), text("chassisNumber"), text("colour"), text("vehicleValue"))
                .with(attachment("PURCHASE_INVOICE"));
    }

    @Override
    public List<Step> steps() {
        return List.of(REGISTRATION);
    }

    @Override
    public Form read(FormValues v) {
        String value = v.text("vehicleValue");
        return new Form(v.applicant(), v.text("brand"), upper(v.text("engineNumber")), upper(v.text("chassisNumber")), v.text("colour"),
                value != null && value.matches("[0-9]{1,12}") ? Long.parseLong(value) : null);
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.engineNumber() != null && !form.engineNumber().matches("[A-Z0-9-]{5,30}")) {
            lodging.errors().add("engineNumber", "INVALID_FORMAT", "An engine number has 5 to 30 letters, digits and dashes");
        }
        if (form.chassisNumber() != null && !form.chassisNumber().matches("[A-Z0-9-]{5,30}")) {
            lodging.errors().add("chassisNumber", "INVALID_FORMAT", "A chassis number has 5 to 30 letters, digits and dashes");
        } else if (form.chassisNumber() != null && numbers.plateOf(form.chassisNumber()).isPresent()) {
            lodging.errors().add("chassisNumber", "CHASSIS_REGISTERED", "A vehicle with this chassis number has a plate already");
        }
        if (form.value() == null || form.value() <= 0) {
            if (!lodging.errors().has("vehicleValue")) {
                lodging.errors().add("vehicleValue", "INVALID_AMOUNT", "The vehicle's value is a whole number of đồng");
            }
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(REGISTRATION, lodging.residenceUnit());
    }

    @Override
    public Optional<Fee> fee(Form form) {
        String province = province(form.applicant().residenceUnit());
        return Optional.of(Fee.of(PoliceFees.motorbike(province, form.value()), "Lệ phí đăng ký, cấp biển số xe mô tô",
                "Motorbike registration and plate fee", PoliceFees.MOTORBIKE_SOURCE));
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String owner = a.applicantPersonalId();
        String plate = numbers.allocatePlate(a.province().code(), form.chassisNumber(), a.applicationCode(), a.now());
        a.recordDocument(owner, new DocumentRecord(DocumentKind.VEHICLE_REGISTRATION.name(), plate, a.today().toString(), null,
                Map.of("brand", form.brand(), "engineNumber", form.engineNumber(), "chassisNumber", form.chassisNumber(),
                        "colour", form.colour())), ISSUER);
        return a.issue(owner, "Chủ xe", form.applicant().fullName() + " (" + owner + ")", "Biển số", plate,
                "Nhãn hiệu", form.brand(), "Số máy", form.engineNumber(), "Số khung", form.chassisNumber(), "Màu sơn", form.colour(),
                "Ngày đăng ký", a.today().toString());
    }

    @Override
    public String formField(String registryField) {
        return registryField.equals("number") ? "chassisNumber" : registryField;
    }

    private String province(String communeCode) {
        return units.find(AdministrativeUnit.COMMUNE, communeCode, units.today()).map(units::province).map(AdministrativeUnit::code)
                .orElseThrow(() -> new IllegalStateException("The applicant's commune " + communeCode + " is not in force"));
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
    }
}
