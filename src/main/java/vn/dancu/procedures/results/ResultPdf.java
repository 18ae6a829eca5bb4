package vn.dancu.procedures.results;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Lays a result out on A4 pages, unsigned: national heading, issuer, title, fields, and the QR code of its verify page. */
final class ResultPdf {

    /** Key of the result's id in the document information dictionary, which the signature covers. */
    static final String RESULT_ID_KEY = "DancuResultId";

    // Liberation Sans has the Vietnamese letters; the standard 14 PDF fonts have none of them.
    private static final byte[] FONT = readFont("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final float TEXT = 11;
    private static final float SMALL = 8;
    private static final float HANGING_INDENT = 14;
    private static final float QR_SIDE = 100;
    private static final int QR_PIXELS_PER_MODULE = 8;

    private ResultPdf() {
    }

    static byte[] render(ResultDocument doc, SigningIdentity signer, String verifyUrl, ZonedDateTime signedAt) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            try (Pen pen = new Pen(pdf, PDType0Font.load(pdf, new ByteArrayInputStream(FONT)))) {
                write(pen, doc, signer, signedAt);
                pen.image(LosslessFactory.createFromImage(pdf, qrCode(verifyUrl)), QR_SIDE);
                pen.left(verifyUrl, SMALL);
                pen.left("Quét mã QR hoặc mở địa chỉ trên để kiểm tra chữ ký số của văn bản này.", SMALL);
            }
            describe(pdf, doc, signedAt);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static void write(Pen pen, ResultDocument doc, SigningIdentity signer, ZonedDateTime signedAt) throws IOException {
        pen.centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12);
        pen.centred("Độc lập - Tự do - Hạnh phúc", 12);
        pen.rule(150);
        pen.gap(16);
        pen.centred(doc.issuerName(), TEXT);
        pen.gap(22);
        pen.centred(doc.titleVi(), 16);
        pen.centred(doc.titleEn(), 10);
        pen.gap(18);
        pen.left("Số định danh cá nhân: " + doc.personalId(), TEXT);
        for (Map.Entry<String, String> field : doc.fields().entrySet()) {
            pen.left(field.getKey() + ": " + field.getValue(), TEXT);
        }
        pen.gap(12);
        pen.left("Mã hồ sơ: " + doc.applicationCode(), TEXT);
        pen.left("Ngày cấp: " + DATE.format(doc.issuedAt().atZone(signedAt.getZone())), TEXT);
        pen.left("Người ký: " + doc.issuerName(), TEXT);
        pen.left("Chữ ký số: " + signer.commonName() + ", chứng thư số do "
                + AgencyCertificates.commonName(signer.chain().getLast()) + " cấp", TEXT);
        pen.gap(18);
    }

    /** The id goes where the signature covers it, so the verifier can name the result without trusting the page text. */
    private static void describe(PDDocument pdf, ResultDocument doc, ZonedDateTime signedAt) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(doc.titleVi());
        info.setSubject(doc.titleEn());
        info.setAuthor(doc.issuerName());
        info.setCreator("dancu");
        info.setCreationDate(GregorianCalendar.from(signedAt));
        info.setCustomMetadataValue(RESULT_ID_KEY, doc.id().toString());
        pdf.getDocumentCatalog().setLanguage("vi");
    }

    private static BufferedImage qrCode(String text) {
        try {
            BitMatrix modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
            // Whole pixels per module: viewers that smooth a scaled image would blur one pixel per module.
            int side = modules.getWidth() * QR_PIXELS_PER_MODULE;
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean dark = modules.get(x / QR_PIXELS_PER_MODULE, y / QR_PIXELS_PER_MODULE);
                    image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot encode the verify address as a QR code", e);
        }
    }

    private static byte[] readFont(String resource) {
        try (InputStream in = PDDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The PDFBox jar has no " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines down A4 pages, wrapping long text and starting a new page when one is full. */
    private static final class Pen implements Closeable {

        private static final PDRectangle PAGE = PDRectangle.A4;
        // About 2 cm, the margin of Vietnamese administrative documents.
        private static final float MARGIN = 56;
        private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
        private static final float LEADING = 1.35f;

        private final PDDocument pdf;
        private final PDType0Font font;
        private PDPageContentStream stream;
        private float y;

        Pen(PDDocument pdf, PDType0Font font) throws IOException {
            this.pdf = pdf;
            this.font = font;
            newPage();
        }

        void centred(String text, float size) throws IOException {
            for (String line : wrap(printable(text), size, WIDTH)) {
                write(line, size, MARGIN + (WIDTH - width(line, size)) / 2);
            }
        }

        /** Left-aligned; lines after the first are indented, so that a wrapped value stands apart from the next label. */
        void left(String text, float size) throws IOException {
            List<String> lines = wrap(printable(text), size, WIDTH - HANGING_INDENT);
            for (int i = 0; i < lines.size(); i++) {
                write(lines.get(i), size, MARGIN + (i == 0 ? 0 : HANGING_INDENT));
            }
        }

        /** A short line centred under the previous one, as under the national motto. */
        void rule(float length) throws IOException {
            y -= 4;
            stream.setLineWidth(0.6f);
            stream.moveTo(MARGIN + (WIDTH - length) / 2, y);
            stream.lineTo(MARGIN + (WIDTH + length) / 2, y);
            stream.stroke();
        }

        void gap(float points) {
            y -= points;
        }

        void image(PDImageXObject image, float side) throws IOException {
            makeRoom(side);
            y -= side;
            stream.drawImage(image, MARGIN, y, side, side);
        }

        private void write(String line, float size, float x) throws IOException {
            float height = size * LEADING;
            makeRoom(height);
            y -= height;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(line);
            stream.endText();
        }

        private void makeRoom(float height) throws IOException {
            if (y - height < MARGIN) {
                stream.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PAGE);
            pdf.addPage(page);
            stream = new PDPageContentStream(pdf, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            String line = "";
            for (String word : text.split(" ")) {
                if (!line.isEmpty() && width(line + " " + word, size) > width) {
                    lines.add(line);
                    line = "";
                }
                line = line.isEmpty() ? word : line + " " + word;
                // A word wider than the line (an identifier, an address without spaces) is cut where the line ends.
                while (width(line, size) > width) {
                    int cut = fitting(line, size, width);
                    lines.add(line.substring(0, cut));
                    line = line.substring(cut);
                }
            }
            lines.add(line);
            return lines;
        }

        private int fitting(String text, float size, float width) throws IOException {
            int end = text.offsetByCodePoints(0, 1);
            while (end < text.length() && width(text.substring(0, text.offsetByCodePoints(end, 1)), size) <= width) {
                end = text.offsetByCodePoints(end, 1);
            }
            return end;
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /**
         * Composed Vietnamese letters (input may arrive decomposed), one space for any run of white space, and
         * {@code ?} for a character the font cannot show, which would otherwise stop the whole document.
         */
        private String printable(String text) {
            String plain = Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
            StringBuilder out = new StringBuilder(plain.length());
            plain.codePoints().forEach(c -> out.appendCodePoint(showable(c) ? c : '?'));
            return out.toString();
        }

        private boolean showable(int codePoint) {
            try {
                font.encode(Character.toString(codePoint));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
