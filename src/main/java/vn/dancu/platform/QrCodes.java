package vn.dancu.platform;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** QR codes drawn as SVG (no image libraries, sharp at any size) embedded as data URIs, and as PNG files. */
public final class QrCodes {

    private QrCodes() {
    }

    public static String svgDataUri(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + m.getWidth() + " " + m.getHeight()
                    + "' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path d='" + path + "'/></svg>";
            return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        }
    }

    /**
     * A QR code as a PNG, {@code scale} pixels a module with the standard quiet zone, for a file to download
     * or show. The text goes as UTF-8 with its ECI marker, so that Vietnamese letters arrive as written (the
     * SVG above is for ASCII text such as TOTP URIs, which some authenticator apps read without ECI support).
     */
    public static byte[] png(String text, int scale) {
        return png(text, scale, com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M);
    }

    /** {@link #png(String, int)} with the error correction given: L leaves the most room, for long texts shown on a screen. */
    public static byte[] png(String text, int scale, com.google.zxing.qrcode.decoder.ErrorCorrectionLevel errorCorrection) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                            EncodeHintType.ERROR_CORRECTION, errorCorrection));
            var image = new java.awt.image.BufferedImage(m.getWidth() * scale, m.getHeight() * scale,
                    java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
            var g = image.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(java.awt.Color.BLACK);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        g.fillRect(x * scale, y * scale, scale, scale);
                    }
                }
            }
            g.dispose();
            var out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
