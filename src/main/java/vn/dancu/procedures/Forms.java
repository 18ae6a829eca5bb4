package vn.dancu.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a procedure declares its form: the fields, where each comes from, and the attachments. A
 * field the registry holds is filled from it and shown as verified; the applicant does not type it
 * again (the once-only rule of Decision 06, principle 4).
 *
 * <p>A declaration carries no text: labels are in {@code messages*.properties} under the keys of
 * {@link Field#labelKey()}, {@link Field#optionKey}, {@link Attachment#labelKey()} (see
 * docs/adding-a-procedure.md), so that pages show them in the reader's language.
 */
public final class Forms {

    public enum Type { TEXT, DATE, PERSONAL_ID, COMMUNE, CHOICE, BOOLEAN }

    /**
     * Where a value comes from. {@code REGISTRY}: always from the registry, never typed.
     * {@code REGISTRY_OR_APPLICANT}: from the registry when it holds one, typed otherwise.
     */
    public enum Source { APPLICANT, REGISTRY, REGISTRY_OR_APPLICANT }

    /**
     * One field. {@code labelKey}: {@code form.field.<name>} unless the procedure names its own
     * ({@link #labelled}), where the same name means something narrower on its form.
     */
    public record Field(String name, Type type, boolean required, Source source, List<String> options, String labelKey) {

        public Field {
            options = List.copyOf(options);
        }

        /** The same field under a label of its own: {@code form.field.<name>.<variant>}. */
        public Field labelled(String variant) {
            return new Field(name, type, required, source, options, "form.field." + name + "." + variant);
        }

        public Field optional() {
            return new Field(name, type, false, source, options, labelKey);
        }

        /** The key of an option's label: {@code form.option.<field>.<VALUE>}; a value without one is shown as it is. */
        public String optionKey(String option) {
            return "form.option." + name + "." + option;
        }

        /** The key of the field's own hint under its input, {@code form.hint.<name>}: optional. */
        public String hintKey() {
            return "form.hint." + name;
        }
    }

    /** A document the applicant attaches; its label is {@code form.attachment.<KIND>}. */
    public record Attachment(String kind, boolean required) {

        public String labelKey() {
            return "form.attachment." + kind;
        }
    }

    /** What a procedure declares: its own fields and attachments (the applicant's own come first, {@link #APPLICANT}). */
    public record Declaration(List<Field> fields, List<Attachment> attachments) {

        public Declaration {
            fields = List.copyOf(fields);
            attachments = List.copyOf(attachments);
        }

        public static Declaration of(Field... fields) {
            return new Declaration(List.of(fields), List.of());
        }

        public Declaration with(Attachment... more) {
            return new Declaration(fields, concat(attachments, List.of(more)));
        }

        public Declaration and(Declaration more) {
            return new Declaration(concat(fields, more.fields), concat(attachments, more.attachments));
        }
    }

    /** The form as lodging and the pages use it: the applicant's fields, then the procedure's. */
    public record Form(int appendixNo, List<Field> fields, List<Attachment> attachments) {

        public Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        static Form of(int appendixNo, Declaration declared) {
            return new Form(appendixNo, concat(APPLICANT, declared.fields()), declared.attachments());
        }
    }

    /** The applicant's own details, on every form, from the registry. */
    static final List<Field> APPLICANT = List.of(
            fromRegistry("applicant.personalId", Type.PERSONAL_ID),
            fromRegistry("applicant.fullName", Type.TEXT),
            fromRegistry("applicant.dateOfBirth", Type.DATE),
            fromRegistry("applicant.gender", Type.TEXT),
            fromRegistry("applicant.permanentAddress", Type.TEXT),
            fromRegistry("applicant.currentAddress", Type.TEXT),
            fromRegistry("applicant.residenceUnit", Type.COMMUNE));

    private Forms() {
    }

    public static Field text(String name) {
        return typed(name, Type.TEXT);
    }

    public static Field date(String name) {
        return typed(name, Type.DATE);
    }

    public static Field personalId(String name) {
        return typed(name, Type.PERSONAL_ID);
    }

    public static Field commune(String name) {
        return typed(name, Type.COMMUNE);
    }

    /** A ticked box: never required (an unticked one posts nothing). */
    public static Field flag(String name) {
        return new Field(name, Type.BOOLEAN, false, Source.APPLICANT, List.of(), "form.field." + name);
    }

    public static Field choice(String name, String... options) {
        return choice(name, Arrays.asList(options));
    }

    public static Field choice(String name, List<String> options) {
        return new Field(name, Type.CHOICE, true, Source.APPLICANT, options, "form.field." + name);
    }

    /** A value only the registry gives (shown, never typed); {@link Procedure#prefill} fills it. */
    public static Field fromRegistry(String name, Type type) {
        return new Field(name, type, false, Source.REGISTRY, List.of(), "form.field." + name);
    }

    /** A value the registry gives when it holds one ({@link Procedure#prefill}); typed otherwise. */
    public static Field fromRegistryOrApplicant(String name, Type type) {
        return new Field(name, type, true, Source.REGISTRY_OR_APPLICANT, List.of(), "form.field." + name);
    }

    public static Attachment attachment(String kind) {
        return new Attachment(kind, true);
    }

    public static Attachment optionalAttachment(String kind) {
        return new Attachment(kind, false);
    }

    private static Field typed(String name, Type type) {
        return new Field(name, type, true, Source.APPLICANT, List.of(), "form.field." + name);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
