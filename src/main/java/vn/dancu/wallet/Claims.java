package vn.dancu.wallet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dancu.registry.DocumentKind;

/**
 * The claim names of wallet items, fixed per type so that a credential issuer can map them one to one
 * (docs/wallet.md lists them with their sources). Names follow OpenID Connect where it has one
 * ({@code name}, {@code family_name}, {@code given_name}, {@code birthdate}, {@code gender},
 * {@code address}), and are snake_case otherwise.
 */
public final class Claims {

    /** The 12-digit personal identification number (số định danh cá nhân). */
    public static final String PERSONAL_ID = "personal_id";
    /** The full name as registered, e.g. "Đỗ Thu Trang". */
    public static final String NAME = "name";
    /** The first word of the full name (họ), e.g. "Đỗ". */
    public static final String FAMILY_NAME = "family_name";
    /** The rest of the full name (tên đệm and tên), e.g. "Thu Trang"; absent for a one-word name. */
    public static final String GIVEN_NAME = "given_name";
    /** Date of birth, ISO 8601. */
    public static final String BIRTHDATE = "birthdate";
    /** MALE or FEMALE, as the registry holds it. */
    public static final String GENDER = "gender";
    /** Nationality as registered (ISO 3166 alpha-2, "VN"). */
    public static final String NATIONALITY = "nationality";
    /** Place of origin (quê quán) as registered. */
    public static final String PLACE_OF_ORIGIN = "place_of_origin";
    /** The permanent residence (nơi thường trú): line, commune and province. */
    public static final String ADDRESS = "address";
    /** The old 9-digit ID card number (CMND) linked to the person, the most recently linked one. */
    public static final String OLD_ID_NUMBER = "old_id_number";
    /** The identity card's number. */
    public static final String CARD_NUMBER = "card_number";
    /** The card's issue date, ISO 8601. */
    public static final String ISSUE_DATE = "issue_date";
    /** The card's expiry date, ISO 8601; absent for a card valid for life. */
    public static final String EXPIRY_DATE = "expiry_date";
    /** Who issued it: the card's authority, the document's source, the result's agency. */
    public static final String ISSUING_AUTHORITY = "issuing_authority";
    /** A document's number (a vehicle registration's plate, a tax code...) or a result's id. */
    public static final String DOCUMENT_NUMBER = "document_number";
    /** First day of a document's validity, ISO 8601. */
    public static final String VALID_FROM = "valid_from";
    /** Last day of a document's validity, ISO 8601; absent when it has no end. */
    public static final String VALID_UNTIL = "valid_until";
    /** The application (hồ sơ) whose result it is. */
    public static final String APPLICATION_CODE = "application_code";

    /** Who the holder is, on every item. */
    static final List<String> HOLDER = List.of(PERSONAL_ID, NAME, FAMILY_NAME, GIVEN_NAME, BIRTHDATE);

    static final List<String> ID_CARD = List.of(CARD_NUMBER, PERSONAL_ID, NAME, FAMILY_NAME, GIVEN_NAME, BIRTHDATE, GENDER,
            NATIONALITY, PLACE_OF_ORIGIN, ADDRESS, OLD_ID_NUMBER, ISSUE_DATE, EXPIRY_DATE, ISSUING_AUTHORITY);

    static final List<String> DOCUMENT = List.of(DOCUMENT_NUMBER, VALID_FROM, VALID_UNTIL, ISSUING_AUTHORITY);

    static final List<String> RESULT = List.of(DOCUMENT_NUMBER, APPLICATION_CODE, ISSUE_DATE, ISSUING_AUTHORITY);

    /**
     * The agency's details that a document of each kind carries as claims: the detail's key as the
     * agency pushed it, and its claim name. Other details (the application that produced it, internal
     * bookkeeping) stay out of the wallet.
     */
    static final Map<DocumentKind, Map<String, String>> DETAILS = details();

    private Claims() {
    }

    /** The claim names an item of this kind and type may carry, in the order pages show them. */
    public static List<String> of(WalletItem.Kind kind, String type) {
        return switch (kind) {
            case ID_CARD -> ID_CARD;
            case RESULT -> concat(RESULT, HOLDER);
            case DOCUMENT -> {
                List<String> names = new ArrayList<>(DOCUMENT);
                names.addAll(DETAILS.getOrDefault(kindOf(type), Map.of()).values());
                names.addAll(HOLDER);
                yield List.copyOf(names);
            }
        };
    }

    static DocumentKind kindOf(String type) {
        return DocumentKind.NAMES.contains(type) ? DocumentKind.valueOf(type) : null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Map<DocumentKind, Map<String, String>> details() {
        Map<DocumentKind, Map<String, String>> details = new java.util.EnumMap<>(DocumentKind.class);
        details.put(DocumentKind.HEALTH_INSURANCE_CARD, ordered("beneficiary", "beneficiary_code"));
        details.put(DocumentKind.DRIVING_LICENCE, ordered("class", "class"));
        details.put(DocumentKind.VEHICLE_REGISTRATION, ordered("brand", "brand", "engineNumber", "engine_number",
                "chassisNumber", "chassis_number", "colour", "colour"));
        details.put(DocumentKind.VACCINATION, ordered("vaccine", "vaccine", "dose", "dose"));
        details.put(DocumentKind.TAX_CODE, ordered("taxpayerType", "taxpayer_type", "taxOffice", "tax_office"));
        details.put(DocumentKind.SOCIAL_INSURANCE_BOOK, ordered("lastEmployer", "last_employer"));
        details.put(DocumentKind.PASSPORT, ordered("type", "passport_type", "replacedBy", "replaced_by"));
        details.put(DocumentKind.CRIMINAL_RECORD_CERTIFICATE, ordered("form", "certificate_form", "convictions", "convictions"));
        details.put(DocumentKind.LAND_USE_CERTIFICATE, ordered("parcel", "parcel", "address", "property_address"));
        details.put(DocumentKind.ELECTRICITY_CONTRACT, ordered("address", "supply_address", "usage", "usage", "phases", "phases",
                "previousContract", "previous_contract"));
        return java.util.Collections.unmodifiableMap(details);
    }

    private static Map<String, String> ordered(String... keyAndClaim) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyAndClaim.length; i += 2) {
            map.put(keyAndClaim[i], keyAndClaim[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
