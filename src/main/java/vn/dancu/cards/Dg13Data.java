package vn.dancu.cards;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * DG13, the Vietnamese card's own data (DOMAIN.md §4): tag 0x6D holding SEQUENCE { INTEGER 1, OID,
 * SET OF SEQUENCE { INTEGER field, UTF8String... } }. Field 13 holds two strings (father, mother);
 * the old 9-digit number is field 15 on some cards and 16 on others: both are read. Strict about the
 * structure, lenient about field numbers it does not know (skipped) and about string types.
 */
public record Dg13Data(String personalId, String fullName, String dateOfBirth, String gender, String nationality,
                       String ethnicity, String religion, String placeOfOrigin, String permanentAddress,
                       String identifyingFeatures, String issueDate, String expiryDate, String fatherName,
                       String motherName, String spouseName, String legacyId) {

    /** The OID this platform writes; any OID is accepted on reading (sources disagree). */
    static final String OID = "2.16.704.1.13";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    /** What field 12 says on a card valid for life. */
    static final String FOR_LIFE = "Không thời hạn";

    public static Dg13Data read(byte[] dg13) {
        ChipTlv.Slice outer = ChipTlv.whole(dg13, 0x6D, ChipCode.DG13_MALFORMED, 13);
        ASN1Sequence sequence = sequence(outer.value());
        if (sequence.size() != 3 || !(sequence.getObjectAt(0) instanceof ASN1Integer version)
                || !(sequence.getObjectAt(1) instanceof ASN1ObjectIdentifier) || !(sequence.getObjectAt(2) instanceof ASN1Set fields)) {
            throw malformed("DG13 is not SEQUENCE { INTEGER, OID, SET }");
        }
        if (version.intValueExact() != 1) {
            throw malformed("DG13's version is " + version.getValue() + ", not 1");
        }
        Map<Integer, List<String>> values = new TreeMap<>();
        for (ASN1Encodable element : fields) {
            Map.Entry<Integer, List<String>> field = field(element);
            if (values.put(field.getKey(), field.getValue()) != null) {
                throw malformed("DG13 states field " + field.getKey() + " twice");
            }
        }
        return of(values);
    }

    private static Dg13Data of(Map<Integer, List<String>> v) {
        List<String> parents = v.getOrDefault(13, List.of());
        String legacy = first(v, 15) != null && first(v, 15).matches("\\d{9}") ? first(v, 15) : first(v, 16);
        return new Dg13Data(first(v, 1), first(v, 2), first(v, 3), first(v, 4), first(v, 5), first(v, 6), first(v, 7),
                first(v, 8), first(v, 9), first(v, 10), first(v, 11), first(v, 12), parents.isEmpty() ? null : parents.get(0),
                parents.size() < 2 ? null : parents.get(1), first(v, 14), legacy);
    }

    private static String first(Map<Integer, List<String>> values, int field) {
        List<String> list = values.get(field);
        return list == null || list.isEmpty() || list.getFirst().isBlank() ? null : list.getFirst();
    }

    private static Map.Entry<Integer, List<String>> field(ASN1Encodable element) {
        if (!(element instanceof ASN1Sequence entry) || entry.size() < 2 || !(entry.getObjectAt(0) instanceof ASN1Integer number)) {
            throw malformed("A DG13 field is not SEQUENCE { INTEGER, UTF8String... }");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < entry.size(); i++) {
            if (!(entry.getObjectAt(i) instanceof ASN1String text)) {
                throw malformed("DG13 field " + number.getValue() + " holds something that is not text");
            }
            texts.add(text.getString());
        }
        int field = number.getValue().bitLength() > 8 ? -1 : number.intValueExact();
        if (field < 1) {
            throw malformed("A DG13 field number is out of range");
        }
        return Map.entry(field, texts);
    }

    private static ASN1Sequence sequence(byte[] value) {
        try (ASN1InputStream in = new ASN1InputStream(value, true)) {
            ASN1Primitive object = in.readObject();
            if (!(object instanceof ASN1Sequence sequence) || in.available() > 0 || in.readObject() != null) {
                throw malformed("DG13 does not hold exactly one SEQUENCE");
            }
            return sequence;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChipMalformed m) {
                throw m;
            }
            throw malformed("DG13 is not DER: " + e.getClass().getSimpleName());
        }
    }

    private static ChipMalformed malformed(String detail) {
        return new ChipMalformed(ChipCode.DG13_MALFORMED, 13, detail);
    }

    /** The DER of this DG13, the old number in field {@code legacyField} (15 or 16). */
    byte[] encode(int legacyField) {
        Map<Integer, List<String>> fields = new LinkedHashMap<>();
        put(fields, 1, personalId);
        put(fields, 2, fullName);
        put(fields, 3, dateOfBirth);
        put(fields, 4, gender);
        put(fields, 5, nationality);
        put(fields, 6, ethnicity);
        put(fields, 7, religion);
        put(fields, 8, placeOfOrigin);
        put(fields, 9, permanentAddress);
        put(fields, 10, identifyingFeatures);
        put(fields, 11, issueDate);
        put(fields, 12, expiryDate);
        fields.put(13, List.of(fatherName == null ? "" : fatherName, motherName == null ? "" : motherName));
        put(fields, 14, spouseName);
        put(fields, legacyField, legacyId);
        ASN1EncodableVector set = new ASN1EncodableVector();
        fields.forEach((number, texts) -> {
            ASN1EncodableVector entry = new ASN1EncodableVector();
            entry.add(new ASN1Integer(number));
            texts.forEach(t -> entry.add(new DERUTF8String(t)));
            set.add(new DERSequence(entry));
        });
        try {
            byte[] der = new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new ASN1ObjectIdentifier(OID), new DERSet(set)})
                    .getEncoded("DER");
            return ChipTlv.wrap(0x6D, der);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Map<Integer, List<String>> fields, int number, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(number, List.of(value));
        }
    }

    /** A date field (dd/MM/yyyy) as a date; empty when it is not one (field 12 of a card for life). */
    static java.util.Optional<LocalDate> day(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(text.strip(), DAY));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    static String text(LocalDate day) {
        return day == null ? null : day.format(DAY);
    }
}
