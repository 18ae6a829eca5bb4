package vn.dancu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.dancu.identity.SecondFactors;
import vn.dancu.identity.StaffRole;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.ApplicationStatus;
import vn.dancu.procedures.LegStatus;
import vn.dancu.procedures.results.Verdict;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.Gender;
import vn.dancu.registry.MaritalStatus;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.Relationship;
import vn.dancu.registry.ResidenceType;

/**
 * Every text of the pages exists in Vietnamese and in English: the two files have the same keys,
 * every key a template or a class names exists, and where a key is made of a prefix and a code
 * ({@code procedures.status.} + a status), every value of the code exists. A key missing in a
 * language would show as the key itself (PageContext's fallback), which PageLanguageTest finds only
 * on the pages it reaches; this test finds it on every page.
 */
class MessagesTest {

    /** {@code page.t("key"}, {@code messages.getMessage("key"}, a page class's {@code text("key", locale}: a key named whole. */
    static final Pattern LITERAL_KEY = Pattern.compile("(?:\\.t|\\.getMessage)\\(\"([a-zA-Z][\\w-]*(?:\\.[\\w-]+)+)\"\\s*[,)]"
            + "|(?<![.\\w])text\\(\"([a-zA-Z][\\w-]*(?:\\.[\\w-]+)+)\",\\s*locale");
    /** {@code page.label("kind", code)}, {@code page.t("kind." + code}: a key made of a prefix and a code. */
    static final Pattern PREFIX = Pattern.compile("\\.(?:label|labelOr|hasLabel)\\(\"([a-zA-Z][\\w.]*)\"|(?:\\.t|\\.getMessage|(?<![.\\w])text)\\(\"([a-zA-Z][\\w.]*)\\.\"\\s*\\+");

    /** The codes behind the prefixes whose values are a closed list in the code. */
    static final Map<String, List<String>> CODES = new LinkedHashMap<>();

    static {
        CODES.put("status", names(PersonStatus.values()));
        CODES.put("marital", names(MaritalStatus.values()));
        CODES.put("residence", names(ResidenceType.values()));
        CODES.put("relationship", names(Relationship.values()));
        CODES.put("gender", names(Gender.values()));
        CODES.put("document.kind", names(DocumentKind.values()));
        CODES.put("history.document", names(DocumentKind.values()));
        CODES.put("procedures.agency", names(Agency.values()));
        CODES.put("procedures.status", names(ApplicationStatus.values()));
        CODES.put("procedures.leg", names(LegStatus.values()));
        // the steps an application's history records: received, warned, a leg started or decided, late, and how it ended
        CODES.put("procedures.step", Stream.of(List.of("RECEIVED", "WARNING", "LEG_STARTED", "DEADLINE_WARNING", "ESCALATED",
                LegStatus.APPROVED.name(), LegStatus.REJECTED.name()), names(ApplicationStatus.values())).flatMap(List::stream).toList());
        CODES.put("procedures.channel", List.of("ONLINE", "COUNTER"));
        CODES.put("procedures.value", List.of("true", "false"));
        CODES.put("procedures.verdict", Stream.concat(constants(Verdict.class).stream(), Stream.of("NOT_ISSUED_HERE", "MISSING")).toList());
        CODES.put("staff.factorEvent", names(SecondFactors.Event.values()));
        CODES.put("role", Stream.concat(names(StaffRole.values()).stream(), Stream.of("CITIZEN")).toList());
    }

    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void vietnameseAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    /** An English text copied into the Vietnamese file: the same in both, in plain ASCII, with two words (not acronyms). */
    @Test
    void noVietnameseTextIsLeftInEnglish() throws IOException {
        assertThat(untranslated(load("messages.properties"), load("messages_en.properties"))).isEmpty();
    }

    @Test
    void everyKeyATemplateOrAClassNamesExistsInBothLanguages() throws IOException {
        Map<String, String> used = usedKeys(sources());
        assertThat(used).as("keys found in the sources").hasSizeGreaterThan(500);
        assertThat(missing(used, load("messages.properties"))).as("keys missing in messages.properties").isEmpty();
        assertThat(missing(used, load("messages_en.properties"))).as("keys missing in messages_en.properties").isEmpty();
    }

    @Test
    void everyPrefixOfACodeHasTextsAndEveryCodeOfAClosedListHasOne() throws IOException {
        Properties vi = load("messages.properties");
        Properties en = load("messages_en.properties");
        Map<String, String> prefixes = usedPrefixes(sources());
        assertThat(prefixes.keySet()).as("prefixes found in the sources").contains("procedures.status", "result", "gender");
        List<String> findings = new ArrayList<>();
        prefixes.forEach((prefix, where) -> {
            if (vi.stringPropertyNames().stream().noneMatch(k -> k.startsWith(prefix + "."))) {
                findings.add(prefix + ".* has no text (" + where + ")");
            }
        });
        CODES.forEach((prefix, codes) -> {
            for (String code : codes) {
                for (Properties language : List.of(vi, en)) {
                    if (language.getProperty(prefix + "." + code) == null) {
                        findings.add(prefix + "." + code + " missing in " + (language == vi ? "Vietnamese" : "English"));
                    }
                }
            }
        });
        assertThat(findings).isEmpty();
    }

    @Test
    void theChecksFindWhatTheyLookFor() {
        Properties vi = new Properties();
        Properties en = new Properties();
        for (String[] text : List.of(new String[] {"a", "Attached documents", "Attached documents"}, new String[] {"b", "JWKS URI", "JWKS URI"},
                new String[] {"c", "Giấy tờ đính kèm", "Attached documents"}, new String[] {"d", "PDF", "PDF"})) {
            vi.setProperty(text[0], text[1]);
            en.setProperty(text[0], text[2]);
        }
        assertThat(untranslated(vi, en)).containsExactly("a=Attached documents");
        Map<String, String> sources = Map.of("a.jte", "${page.t(\"eid.account.nope\")} ${page.label(\"procedures.nope\", x)}"
                + " ${page.t(\"procedures.subject.\" + n)}", "B.java", "messages.getMessage(\"procedures.verdict.\" + code, null, locale);"
                + " text(\"procedures.hint.NOPE\", locale, unit)");
        assertThat(usedKeys(sources)).containsOnlyKeys("eid.account.nope", "procedures.hint.NOPE");
        assertThat(usedPrefixes(sources)).containsOnlyKeys("procedures.nope", "procedures.subject", "procedures.verdict");
        Properties some = new Properties();
        some.setProperty("eid.account.nope", "x");
        assertThat(missing(usedKeys(sources), some)).containsExactly("procedures.hint.NOPE (B.java)");
    }

    // ---

    /** Each template and main class, by its path. */
    static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path root : List.of(Path.of("src/main/jte"), Path.of("src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".jte") || p.toString().endsWith(".java")).toList()) {
                    sources.put(root.relativize(file).toString(), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** Each key named whole, with the first file that names it. */
    static Map<String, String> usedKeys(Map<String, String> sources) {
        Map<String, String> keys = new LinkedHashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = LITERAL_KEY.matcher(text);
            while (m.find()) {
                keys.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), file);
            }
        });
        return keys;
    }

    static Map<String, String> usedPrefixes(Map<String, String> sources) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = PREFIX.matcher(text);
            while (m.find()) {
                prefixes.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), file);
            }
        });
        return prefixes;
    }

    static Set<String> untranslated(Properties vi, Properties en) {
        Set<String> found = new TreeSet<>();
        for (String key : vi.stringPropertyNames()) {
            String text = vi.getProperty(key);
            if (text.equals(en.getProperty(key)) && text.matches("\\p{ASCII}*") && text.matches(".*\\b[A-Za-z]?[a-z]{2,}\\b.*\\b[A-Za-z]?[a-z]{2,}\\b.*")) {
                found.add(key + "=" + text);
            }
        }
        return found;
    }

    static Set<String> missing(Map<String, String> used, Properties language) {
        Set<String> missing = new TreeSet<>();
        used.forEach((key, file) -> {
            if (language.getProperty(key) == null) {
                missing.add(key + " (" + file + ")");
            }
        });
        return missing;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** The values of a class's public static String constants. */
    private static List<String> constants(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
