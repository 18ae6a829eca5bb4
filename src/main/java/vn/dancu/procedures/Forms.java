package vn.dancu.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared form of each procedure of Appendix I: the fields, where each comes from, and the
 * attachments. A field the registry holds is filled from it and shown as verified; the applicant
 * does not type it again (the once-only rule of Decision 06, principle 4).
 */
public final class Forms {

    public enum Type { TEXT, DATE, PERSONAL_ID, COMMUNE, CHOICE, BOOLEAN }

    /**
     * Where a value comes from. {@code REGISTRY}: always from the registry, never typed.
     * {@code REGISTRY_OR_APPLICANT}: from the registry when it holds one, typed otherwise.
     */
    public enum Source { APPLICANT, REGISTRY, REGISTRY_OR_APPLICANT }

    public record Field(String name, String labelVi, String labelEn, Type type, boolean required, Source source,
                        List<String> options) {
    }

    public record Attachment(String kind, String labelVi, String labelEn, boolean required) {
    }

    public record Form(int appendixNo, List<Field> fields, List<Attachment> attachments) {

        public Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    /** The applicant's own details, on every form, from the registry. */
    static final List<Field> APPLICANT = List.of(
            registry("applicant.personalId", "Số định danh cá nhân", "Personal ID number", Type.PERSONAL_ID),
            registry("applicant.fullName", "Họ, chữ đệm và tên", "Full name", Type.TEXT),
            registry("applicant.dateOfBirth", "Ngày, tháng, năm sinh", "Date of birth", Type.DATE),
            registry("applicant.gender", "Giới tính", "Gender", Type.TEXT),
            registry("applicant.permanentAddress", "Nơi thường trú", "Permanent residence", Type.TEXT),
            registry("applicant.currentAddress", "Nơi ở hiện tại", "Current residence", Type.TEXT),
            registry("applicant.residenceUnit", "Xã, phường nơi cư trú", "Commune of residence", Type.COMMUNE));

    static final Attachment BIRTH_CERTIFICATE = new Attachment("BIRTH_CERTIFICATE",
            "Giấy chứng sinh (bản điện tử có ký số của cơ sở y tế)", "Medical birth certificate (signed by the hospital)", true);
    static final Attachment DEATH_NOTICE = new Attachment("DEATH_NOTICE",
            "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", "Death notice or a document that replaces it", true);
    static final Attachment LAWFUL_RESIDENCE = new Attachment("LAWFUL_RESIDENCE",
            "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful residence", true);

    private static final Map<Integer, List<Field>> FIELDS = Map.ofEntries(
            Map.entry(1, List.of(
                    new Field("legacyId", "Số Chứng minh nhân dân (9 số) đã được cấp", "Old 9-digit ID card number", Type.TEXT,
                            true, Source.REGISTRY_OR_APPLICANT, List.of()))),
            Map.entry(2, List.of(choice("reissueReason", "Lý do cấp lại, đổi thẻ", "Reason",
                    "LOST", "DAMAGED", "DETAILS_CHANGED", "EXPIRED"))),
            Map.entry(3, residence()),
            Map.entry(4, concat(residence(), List.of(
                    text("to", "Tạm trú đến ngày", "Temporary residence until", Type.DATE, true)))),
            Map.entry(5, List.of(
                    text("destination", "Nơi đến", "Destination", Type.TEXT, true),
                    text("from", "Từ ngày", "From", Type.DATE, true),
                    text("to", "Đến ngày", "Until", Type.DATE, true),
                    text("reasonText", "Lý do tạm vắng", "Reason for the absence", Type.TEXT, true))),
            Map.entry(6, List.of(
                    choice("hostType", "Người thông báo", "Notified by", "HOST", "ACCOMMODATION"),
                    text("accommodationName", "Tên cơ sở lưu trú", "Name of the accommodation", Type.TEXT, false),
                    text("guestPersonalId", "Số định danh cá nhân của người lưu trú", "Guest's personal ID number", Type.PERSONAL_ID, true),
                    text("guestFullName", "Họ và tên người lưu trú", "Guest's full name", Type.TEXT, true),
                    text("unit", "Xã, phường nơi lưu trú", "Commune of the stay", Type.COMMUNE, true),
                    text("addressLine", "Địa chỉ nơi lưu trú", "Address of the stay", Type.TEXT, true),
                    text("from", "Lưu trú từ ngày", "Stay from", Type.DATE, true),
                    text("to", "Lưu trú đến ngày", "Stay until", Type.DATE, true))),
            Map.entry(9, birth()),
            Map.entry(10, death()),
            Map.entry(11, List.of(
                    text("spousePersonalId", "Số định danh cá nhân của người kết hôn với mình", "Spouse's personal ID number",
                            Type.PERSONAL_ID, true),
                    text("registrationUnit", "Ủy ban nhân dân xã, phường đăng ký kết hôn (mặc định: nơi cư trú)",
                            "Commune registering the marriage (by default: of residence)", Type.COMMUNE, false))),
            Map.entry(12, List.of(choice("passportRequest", "Đề nghị", "Request", "FIRST", "REISSUE", "AMEND"))),
            Map.entry(13, seal()),
            Map.entry(14, seal()),
            Map.entry(7, List.of(
                    text("brand", "Nhãn hiệu xe", "Make", Type.TEXT, true),
                    text("engineNumber", "Số máy", "Engine number", Type.TEXT, true),
                    text("chassisNumber", "Số khung", "Chassis number", Type.TEXT, true))),
            Map.entry(8, List.of(
                    text("violationRecord", "Số biên bản vi phạm", "Offence record number", Type.TEXT, true),
                    text("plateNumber", "Biển số xe", "Plate number", Type.TEXT, true))),
            Map.entry(15, concat(birth(), List.of(
                    registry("residence.address", "Nơi đăng ký thường trú của trẻ (nơi thường trú của cha, mẹ)",
                            "Child's permanent residence (the parent's)", Type.TEXT),
                    registry("residence.unit", "Xã, phường nơi thường trú", "Commune of the permanent residence", Type.COMMUNE)))),
            Map.entry(16, concat(death(), List.of(
                    text("includeResidenceRemoval", "Đề nghị xóa đăng ký thường trú", "Remove the permanent residence", Type.BOOLEAN, false),
                    text("includeFuneralAllowance", "Đề nghị hưởng trợ cấp mai táng", "Claim the funeral allowance", Type.BOOLEAN, false),
                    new Field("allowanceAgency", "Cơ quan chi trả trợ cấp mai táng (mặc định: theo sổ bảo hiểm xã hội)",
                            "Agency that pays the funeral allowance (by default: from the social insurance book)",
                            Type.CHOICE, false, Source.APPLICANT, List.of("SOCIAL_INSURANCE", "LABOUR")),
                    text("bankAccount", "Số tài khoản nhận trợ cấp", "Bank account for the allowance", Type.TEXT, false)))),
            Map.entry(17, List.of(text("householdCardNumber", "Mã số bảo hiểm xã hội của hộ", "Household insurance code", Type.TEXT, true))),
            Map.entry(18, List.of(choice("taxpayerType", "Người nộp thuế", "Taxpayer", "INDIVIDUAL", "HOUSEHOLD"))),
            Map.entry(19, List.of(text("certificateNumber", "Số Giấy chứng nhận quyền sử dụng đất", "Land certificate number", Type.TEXT, true))),
            Map.entry(20, List.of(text("licenceNumber", "Số giấy phép lái xe", "Driving licence number", Type.TEXT, true))),
            Map.entry(21, List.of(text("school", "Trường trung học phổ thông", "Upper secondary school", Type.TEXT, true))),
            Map.entry(22, List.of(choice("recordForm", "Loại phiếu lý lịch tư pháp", "Criminal record form", "FORM_1", "FORM_2"))),
            Map.entry(23, List.of(text("lastEmployer", "Đơn vị sử dụng lao động cuối cùng", "Last employer", Type.TEXT, true))),
            Map.entry(24, List.of(text("supplyAddress", "Địa chỉ sử dụng điện", "Address to supply", Type.TEXT, true))),
            Map.entry(25, List.of(text("contractNumber", "Số hợp đồng mua bán điện", "Electricity contract number", Type.TEXT, true))));

    private static final Map<Integer, List<Attachment>> ATTACHMENTS = Map.ofEntries(
            Map.entry(1, List.of(new Attachment("LEGACY_ID_CARD", "Bản chụp Chứng minh nhân dân cũ (khi số chưa có trong CSDLQGDC)",
                    "Copy of the old ID card (when the registry does not know the number)", false))),
            Map.entry(3, List.of(LAWFUL_RESIDENCE)),
            Map.entry(4, List.of(LAWFUL_RESIDENCE)),
            Map.entry(9, List.of(BIRTH_CERTIFICATE)),
            Map.entry(10, List.of(DEATH_NOTICE)),
            Map.entry(15, List.of(BIRTH_CERTIFICATE)),
            Map.entry(16, List.of(DEATH_NOTICE)),
            Map.entry(7, List.of(new Attachment("PURCHASE_INVOICE", "Hóa đơn mua xe", "Purchase invoice", true))),
            Map.entry(12, List.of(new Attachment("PORTRAIT", "Ảnh chân dung", "Portrait photo", true))),
            Map.entry(13, List.of(new Attachment("ESTABLISHMENT", "Văn bản thành lập tổ chức", "Deed of establishment", true))),
            Map.entry(14, List.of(new Attachment("ESTABLISHMENT", "Văn bản thành lập tổ chức", "Deed of establishment", true))),
            Map.entry(19, List.of(new Attachment("LAND_CERTIFICATE", "Giấy chứng nhận quyền sử dụng đất", "Land certificate", true))),
            Map.entry(20, List.of(new Attachment("HEALTH_CERTIFICATE", "Giấy khám sức khỏe người lái xe", "Driver's health certificate", true))),
            Map.entry(23, List.of(new Attachment("CONTRACT_ENDED", "Quyết định chấm dứt hợp đồng lao động", "Termination of the contract", true))),
            Map.entry(24, List.of(new Attachment("PREMISES", "Giấy tờ về nơi sử dụng điện", "Proof of the premises", true))));

    private Forms() {
    }

    /** The form of a procedure of Appendix I (1-25). */
    public static Form of(int appendixNo) {
        return new Form(appendixNo, concat(APPLICANT, FIELDS.getOrDefault(appendixNo, List.of())),
                ATTACHMENTS.getOrDefault(appendixNo, List.of()));
    }

    private static List<Field> residence() {
        return List.of(
                text("unit", "Xã, phường nơi đăng ký", "Commune of the new residence", Type.COMMUNE, true),
                text("addressLine", "Số nhà, đường, thôn, tổ dân phố", "House number, street, hamlet", Type.TEXT, true));
    }

    private static List<Field> birth() {
        return List.of(
                text("child.fullName", "Họ, chữ đệm, tên của trẻ", "Child's full name", Type.TEXT, true),
                choice("child.gender", "Giới tính", "Gender", "MALE", "FEMALE"),
                text("child.dateOfBirth", "Ngày sinh", "Date of birth", Type.DATE, true),
                text("child.placeOfBirth", "Nơi sinh", "Place of birth", Type.TEXT, true),
                // the registry's list: the 54 ethnic groups and foreign-born persons, as the registry writes them
                new Field("child.ethnicity", "Dân tộc", "Ethnic group", Type.CHOICE, true, Source.APPLICANT,
                        vn.dancu.registry.Registry.ethnicities()),
                text("otherParentPersonalId", "Số định danh cá nhân của cha hoặc mẹ còn lại", "The other parent's personal ID number",
                        Type.PERSONAL_ID, false),
                text("birthRegistrationUnit", "Ủy ban nhân dân xã, phường đăng ký khai sinh (mặc định: nơi cư trú)",
                        "Commune registering the birth (by default: of residence)", Type.COMMUNE, false));
    }

    private static List<Field> death() {
        return List.of(
                text("deceasedPersonalId", "Số định danh cá nhân của người chết", "Personal ID number of the deceased", Type.PERSONAL_ID, true),
                text("dateOfDeath", "Ngày chết", "Date of death", Type.DATE, true),
                text("placeOfDeath", "Nơi chết", "Place of death", Type.TEXT, true),
                text("relationship", "Quan hệ với người chết", "Relationship to the deceased", Type.TEXT, true),
                text("registrationUnit", "Ủy ban nhân dân xã, phường đăng ký khai tử (mặc định: nơi thường trú của người chết)",
                        "Commune registering the death (by default: the deceased's)", Type.COMMUNE, false));
    }

    private static List<Field> seal() {
        return List.of(text("organisation", "Tên cơ quan, tổ chức", "Organisation", Type.TEXT, true));
    }

    private static Field registry(String name, String vi, String en, Type type) {
        return new Field(name, vi, en, type, false, Source.REGISTRY, List.of());
    }

    private static Field text(String name, String vi, String en, Type type, boolean required) {
        return new Field(name, vi, en, type, required, Source.APPLICANT, List.of());
    }

    private static Field choice(String name, String vi, String en, String... options) {
        return new Field(name, vi, en, Type.CHOICE, true, Source.APPLICANT, List.of(options));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
