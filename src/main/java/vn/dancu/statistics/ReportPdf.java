package vn.dancu.statistics;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.dancu.statistics.MonthlyReport.Bar;
import vn.dancu.statistics.MonthlyReport.Chart;
import vn.dancu.statistics.MonthlyReport.Indicator;
import vn.dancu.statistics.MonthlyReport.ProvinceRow;
import vn.dancu.statistics.MonthlyReport.Section;

/**
 * The monthly report as a PDF on A4: Vietnamese first with the English beneath, the indicators by
 * section, a bar chart drawn as vectors, and for the nation a table of the provinces. The font is
 * DejaVu Sans, shipped with the platform (its licence: resources/fonts/DejaVu-LICENSE.txt), which
 * has every Vietnamese letter; it is embedded as a subset.
 */
final class ReportPdf {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);
    private static final float MARGIN = 42;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final Color INK = new Color(0x1f, 0x29, 0x37);
    private static final Color MUTED = new Color(0x5b, 0x64, 0x70);
    private static final Color RULE = new Color(0xd4, 0xd8, 0xdd);
    private static final List<Color> PARTS = List.of(new Color(0xb9, 0x1c, 0x1c), new Color(0xe8, 0xa3, 0x3d));

    /** Short heads of {@link MonthlyReport#PROVINCE_COLUMNS}, which the table's narrow columns hold. */
    private static final List<String> PROVINCE_HEADS = List.of("Dân số", "TK/100 người ≥18", "Hồ sơ tiếp nhận", "Trực tuyến %",
            "Đúng hạn %");

    private ReportPdf() {
    }

    static byte[] render(MonthlyReport report) {
        try (PDDocument pdf = new PDDocument()) {
            try (Pen pen = new Pen(pdf, font(pdf, "/fonts/DejaVuSans.ttf"), font(pdf, "/fonts/DejaVuSans-Bold.ttf"))) {
                heading(pen, report);
                indicators(pen, report);
                chart(pen, report.chart());
                if (!report.provinces().isEmpty()) {
                    provinces(pen, report.provinces());
                }
            }
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Báo cáo tháng " + monthVi(report) + " · " + report.unitName());
            info.setSubject("Báo cáo kết quả thực hiện Đề án 06 (Quyết định 06/QĐ-TTg)");
            info.setCreator("dancu");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void heading(Pen pen, MonthlyReport r) throws IOException {
        pen.line("BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 · THÁNG " + monthVi(r), 14, true, INK);
        pen.line("Monthly report of Project 06 (Decision 06/QĐ-TTg) · " + r.month(), 9, false, MUTED);
        pen.gap(6);
        pen.line(r.unitName() + (r.unitCode().isEmpty() ? "" : " (mã " + r.unitCode() + ")"), 13, true, INK);
        pen.line("Lập lúc " + WHEN.format(r.generatedAt()) + " · số liệu đến " + (r.latestChangeAt() == null ? "—"
                : WHEN.format(r.latestChangeAt())) + " · gửi trước ngày 22 hằng tháng", 9, false, MUTED);
        pen.line("Made " + WHEN.format(r.generatedAt()) + " (Vietnam time) from the platform's aggregates; no person is named.", 8,
                false, MUTED);
        pen.gap(8);
    }

    private static void indicators(Pen pen, MonthlyReport r) throws IOException {
        Section section = null;
        for (Indicator indicator : Indicator.values()) {
            if (!r.values().containsKey(indicator)) {
                continue;
            }
            if (indicator.section != section) {
                section = indicator.section;
                pen.need(40);
                pen.gap(4);
                pen.line(section.vi + " · " + section.en, 10.5f, true, INK);
                pen.rule();
            }
            pen.need(22);
            String value = format(r.values().get(indicator), indicator.share);
            pen.row(indicator.vi, value, 9.5f);
            pen.line(indicator.en, 7.5f, false, MUTED);
        }
        pen.gap(10);
    }

    private static void chart(Pen pen, Chart chart) throws IOException {
        List<Bar> bars = chart.bars().stream().filter(b -> b.total() > 0).toList();
        pen.need(60);
        pen.line(chart.titleVi(), 10.5f, true, INK);
        pen.line(chart.titleEn(), 7.5f, false, MUTED);
        if (bars.isEmpty()) {
            pen.line("Chưa có số liệu trong tháng · no figures in the month", 9, false, MUTED);
            return;
        }
        if (chart.partsVi().size() > 1) {
            pen.legend(chart.partsVi(), chart.partsEn(), PARTS);
        }
        double max = bars.stream().mapToDouble(Bar::total).max().orElse(1);
        float labelWidth = 170;
        float barsWidth = WIDTH - 2 * MARGIN - labelWidth - 60;
        for (Bar bar : bars) {
            pen.need(14);
            pen.bar(bar, labelWidth, barsWidth, max, chart.percent());
        }
        pen.gap(10);
    }

    private static void provinces(Pen pen, List<ProvinceRow> rows) throws IOException {
        pen.need(80);
        pen.line("Theo tỉnh, thành phố · By province", 10.5f, true, INK);
        List<Indicator> columns = MonthlyReport.PROVINCE_COLUMNS;
        pen.tableRow("Tỉnh, thành phố", PROVINCE_HEADS, 7, true);
        pen.rule();
        for (ProvinceRow row : rows) {
            if (pen.need(13)) {
                pen.tableRow("Tỉnh, thành phố", PROVINCE_HEADS, 7, true);
                pen.rule();
            }
            pen.tableRow(row.code() + " " + row.name(), columns.stream().map(c -> format(row.values().get(c), c.share)).toList(), 8,
                    false);
        }
    }

    /** Vietnamese number style: 1.234.567 and 45,3. */
    static String format(Double value, boolean share) {
        if (value == null) {
            return "—";
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN"));
        symbols.setGroupingSeparator('.');
        symbols.setDecimalSeparator(',');
        return new DecimalFormat(share ? "#,##0.0" : "#,##0", symbols).format(value);
    }

    private static String monthVi(MonthlyReport r) {
        return String.format("%02d/%d", r.month().getMonthValue(), r.month().getYear());
    }

    private static PDType0Font font(PDDocument pdf, String resource) throws IOException {
        try (InputStream in = ReportPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The font " + resource + " is missing from the platform");
            }
            return PDType0Font.load(pdf, in);
        }
    }

    /** Writes down the page, top to bottom, starting a new page when one is full. */
    private static final class Pen implements AutoCloseable {

        private final PDDocument pdf;
        private final PDType0Font regular;
        private final PDType0Font bold;
        private PDPageContentStream stream;
        private float y;

        Pen(PDDocument pdf, PDType0Font regular, PDType0Font bold) throws IOException {
            this.pdf = pdf;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            stream = new PDPageContentStream(pdf, page);
            y = HEIGHT - MARGIN;
        }

        /** Starts a new page unless {@code height} still fits; says whether it did. */
        boolean need(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
                return true;
            }
            return false;
        }

        void gap(float height) {
            y -= height;
        }

        void line(String text, float size, boolean strong, Color color) throws IOException {
            need(size * 1.5f);
            y -= size * 1.35f;
            text(fit(text, strong ? bold : regular, size, WIDTH - 2 * MARGIN), MARGIN, y, size, strong ? bold : regular, color);
        }

        void row(String label, String value, float size) throws IOException {
            y -= size * 1.4f;
            text(label, MARGIN, y, size, regular, INK);
            text(value, WIDTH - MARGIN - width(value, bold, size), y, size, bold, INK);
        }

        void tableRow(String first, List<String> cells, float size, boolean strong) throws IOException {
            y -= size * 1.6f;
            PDType0Font font = strong ? bold : regular;
            float firstWidth = 150;
            float cell = (WIDTH - 2 * MARGIN - firstWidth) / cells.size();
            text(fit(first, font, size, firstWidth - 4), MARGIN, y, size, font, INK);
            for (int i = 0; i < cells.size(); i++) {
                String value = fit(cells.get(i), font, size, cell - 4);
                float right = MARGIN + firstWidth + cell * (i + 1);
                text(value, right - width(value, font, size), y, size, font, INK);
            }
        }

        void rule() throws IOException {
            y -= 3;
            stream.setStrokingColor(RULE);
            stream.setLineWidth(0.6f);
            stream.moveTo(MARGIN, y);
            stream.lineTo(WIDTH - MARGIN, y);
            stream.stroke();
        }

        void legend(List<String> vi, List<String> en, List<Color> colors) throws IOException {
            y -= 12;
            float x = MARGIN;
            for (int i = 0; i < vi.size(); i++) {
                fill(colors.get(i), x, y - 1, 8, 8);
                String label = vi.get(i) + " · " + en.get(i);
                text(label, x + 11, y, 8, regular, INK);
                x += 11 + width(label, regular, 8) + 14;
            }
            y -= 4;
        }

        void bar(Bar bar, float labelWidth, float barsWidth, double max, boolean percent) throws IOException {
            y -= 13;
            text(fit(bar.label(), regular, 7.5f, labelWidth - 4), MARGIN, y, 7.5f, regular, INK);
            float x = MARGIN + labelWidth;
            for (int i = 0; i < bar.parts().size(); i++) {
                float w = (float) (bar.parts().get(i) / max * barsWidth);
                fill(PARTS.get(i % PARTS.size()), x, y - 2, w, 9);
                x += w;
            }
            String value = format(bar.total(), percent);
            text(value, x + 4, y, 7.5f, regular, INK);
        }

        private void fill(Color color, float x, float bottom, float w, float h) throws IOException {
            stream.setNonStrokingColor(color);
            stream.addRect(x, bottom, w, h);
            stream.fill();
        }

        private void text(String text, float x, float baseline, float size, PDType0Font font, Color color) throws IOException {
            stream.beginText();
            stream.setNonStrokingColor(color);
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(text);
            stream.endText();
        }

        private static float width(String text, PDType0Font font, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /** The text, cut with an ellipsis where it would run past {@code max} points. */
        private static String fit(String text, PDType0Font font, float size, float max) throws IOException {
            if (width(text, font, size) <= max) {
                return text;
            }
            String cut = text;
            while (!cut.isEmpty() && width(cut + "…", font, size) > max) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "…";
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
