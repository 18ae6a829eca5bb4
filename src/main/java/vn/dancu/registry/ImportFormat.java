package vn.dancu.registry;

import java.util.List;

/**
 * The CSV columns of a person file (docs/import-format.md): one row per person, UTF-8, RFC 4180,
 * a header line with exactly these names. The generator writes it and the importer reads it.
 */
public final class ImportFormat {

    public static final List<String> COLUMNS = List.of(
            "personal_id", "full_name", "gender", "date_of_birth", "place_of_birth",
            "birth_registration_unit", "birth_registration_date", "nationality", "ethnicity", "religion",
            "legacy_id", "father_personal_id", "mother_personal_id", "household_key", "relationship_to_head",
            "permanent_unit", "permanent_address", "permanent_from",
            "temporary_unit", "temporary_address", "temporary_from", "temporary_to",
            "date_of_death", "place_of_death");

    private ImportFormat() {
    }

    /** The header line. */
    public static String header() {
        return String.join(",", COLUMNS);
    }
}
