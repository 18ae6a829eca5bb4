package vn.dancu.platform;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, quoted with {@code "} when they hold a
 * comma, a quote (doubled) or a line break. A record that breaks the quoting rules is reported as
 * {@link Malformed} with its line number and the reader continues at the next line, so one bad row
 * never loses the good ones around it.
 */
public final class Csv implements AutoCloseable {

    /** One record, or why it could not be read. {@code line} is where the record starts (1-based). */
    public sealed interface Row permits Record, Malformed {
        long line();
    }

    public record Record(long line, List<String> fields) implements Row {
        public String get(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    public record Malformed(long line, String reason) implements Row {
    }

    /** A quoted field longer than this is taken as an unterminated quote, not as data. */
    static final int MAX_FIELD = 10_000;

    private final Reader in;
    private final boolean lineBreaksInQuotes;
    private long line = 1;
    private int peeked = -2;

    /** A reader that allows line breaks inside quoted fields, as RFC 4180 does. */
    public Csv(Reader in) {
        this(in, true);
    }

    /**
     * With {@code lineBreaksInQuotes} false, a line break inside quotes ends the record as
     * malformed: for files whose fields never span lines (person files), one missing closing quote
     * then costs one line instead of every line up to the next quote in the file.
     */
    public Csv(Reader in, boolean lineBreaksInQuotes) {
        this.in = in;
        this.lineBreaksInQuotes = lineBreaksInQuotes;
    }

    /** Whether {@code row} is a header line of exactly these column names (a UTF-8 byte-order mark tolerated). */
    public static boolean isHeader(Row row, List<String> columns) {
        return row instanceof Record r
                && r.fields().stream().map(f -> f.replace("\uFEFF", "").strip()).toList().equals(columns);
    }

    /** The next row, or {@code null} at the end of the input. Empty lines are skipped. */
    public Row next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return readRecord();
        }
    }

    private Row readRecord() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        boolean afterQuote = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    return new Malformed(start, "unterminated quoted field");
                } else if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        unread(next);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                        if (!lineBreaksInQuotes) {
                            return new Malformed(start, "unterminated quoted field");
                        }
                    }
                    if (field.length() >= MAX_FIELD) {
                        skipRestOfLine();
                        return new Malformed(start, "unterminated quoted field");
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return new Record(start, fields);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                afterQuote = false;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (afterQuote || c == '"') {
                skipRestOfLine();
                return new Malformed(start, "a quote inside an unquoted field, or text after a closing quote");
            }
            fieldStart = false;
            field.append((char) c);
        }
    }

    private void skipRestOfLine() throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // discard
        }
        if (c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
