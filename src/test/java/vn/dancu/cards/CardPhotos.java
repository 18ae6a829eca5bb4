package vn.dancu.cards;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos of a card's QR code as a counter's camera takes them: the code rendered with ZXing as a
 * card prints it (UTF-8, error correction M), on a grey card face, turned a little, on a table,
 * with sensor noise, saved as JPEG or PNG.
 */
public final class CardPhotos {

    private CardPhotos() {
    }

    /** The QR code alone, black on white, {@code module} pixels a module, with the quiet zone. */
    public static BufferedImage code(String text, int module) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.MARGIN, 4));
            BufferedImage image = new BufferedImage(matrix.getWidth() * module, matrix.getHeight() * module, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x / module, y / module) ? 0x101010 : 0xF4F4F0);
                }
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A photo of the card's back with the code, {@code degrees} turned, noisy; as JPEG bytes. */
    public static byte[] photo(String text, double degrees, long seed) {
        return bytes(scene(code(text, 5), degrees, seed), "jpg");
    }

    public static BufferedImage scene(BufferedImage code, double degrees, long seed) {
        int width = 1400;
        int height = 1000;
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x6B4F3A)); // a wooden counter
        g.fillRect(0, 0, width, height);
        g.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
        g.setColor(new Color(0xD9DEE3)); // the card's back
        g.fillRoundRect(width / 2 - 430, height / 2 - 270, 860, 540, 40, 40);
        g.setColor(new Color(0x30343A));
        g.drawString("CĂN CƯỚC CÔNG DÂN / CITIZEN IDENTITY CARD", width / 2 - 400, height / 2 - 230);
        g.drawImage(code, width / 2 + 400 - code.getWidth(), height / 2 - code.getHeight() / 2, null);
        g.dispose();
        noise(photo, seed);
        return photo;
    }

    private static void noise(BufferedImage image, long seed) {
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * 12);
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    public static byte[] bytes(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
