package vn.dancu.registry;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of sector document kept as a person's integrated documents (Quyết định 06/QĐ-TTg, II.10);
 * stored as the enum's name. Pages show them with the message key {@code document.kind.<KIND>}.
 */
public enum DocumentKind {
    HEALTH_INSURANCE_CARD, DRIVING_LICENCE, VEHICLE_REGISTRATION, VACCINATION, TAX_CODE, SOCIAL_INSURANCE_BOOK,
    PASSPORT, CRIMINAL_RECORD_CERTIFICATE, LAND_USE_CERTIFICATE, ELECTRICITY_CONTRACT;

    /** Every name, as the registry accepts it from outside. */
    public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
}
