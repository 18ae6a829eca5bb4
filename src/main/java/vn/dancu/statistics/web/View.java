package vn.dancu.statistics.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The figures as the pages write them: numbers grouped as the language groups them, shares with one decimal. */
public final class View {

    /** A key figure's card: its label key, the number, and its share of what it is counted against. */
    public record Card(String key, String value, String share, String of) {
    }

    /** A commune's row: its numbers written out, and its births of 12 months as the points of a sparkline. */
    public record CommuneLine(String code, String name, String population, String birthsThisMonth, String sparkline, String births,
                              boolean open) {
    }

    /** A step of the path from the nation to the area shown. */
    public record Crumb(String code, String name) {
    }

    /** A province's boundaries as the administrator's page lists them. */
    public record Loaded(String province, String name, int features, java.time.Instant loadedAt, String loadedBy) {
    }

    /** What a load kept, and the communes the file left without a shape. */
    public record LoadResult(String province, int features, List<String> communesWithout) {
    }

    private View() {
    }

    static List<Card> kpis(Dashboard.Kpis kpis, Locale locale) {
        return kpis.cards().stream().map(k -> new Card(k.key(), number(k.value(), locale),
                k.share() == null ? null : share(k.share(), locale), k.of() == null ? null : number(k.of(), locale))).toList();
    }

    static List<CommuneLine> communes(Dashboard.Communes communes, Locale locale) {
        return communes.communes().stream().map(c -> new CommuneLine(c.code(), c.name(), number(c.population(), locale),
                number(c.birthsThisMonth(), locale), sparkline(c.births()),
                c.births().stream().map(String::valueOf).collect(Collectors.joining(" ")), c.open())).toList();
    }

    static String number(long value, Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        boolean english = "en".equals(locale.getLanguage());
        symbols.setGroupingSeparator(english ? ',' : '.');
        symbols.setDecimalSeparator(english ? '.' : ',');
        return new DecimalFormat("#,##0", symbols).format(value);
    }

    static String share(double value, Locale locale) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return ("en".equals(locale.getLanguage()) ? text : text.replace('.', ',')) + " %";
    }

    /** The points of a polyline 100 wide and 24 high, the largest value at the top. */
    static String sparkline(List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int n = values.size();
        return IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "%.1f,%.1f", n == 1 ? 50.0 : i * 100.0 / (n - 1),
                22 - values.get(i) * 20.0 / max)).collect(Collectors.joining(" "));
    }
}
