package vn.dancu.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What a camera sees, for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): a card's
 * QR code held up to it, written as a YUV4MPEG2 video (grey, 4:2:0) that Chromium plays in a loop to
 * any page that opens the camera. The camera paths of the pages then run for real in a headless browser.
 */
final class CameraVideo {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    /** The code's width: inside the centre box of 250 or 300 pixels where the pages' scanners look. */
    private static final int CODE = 230;
    private static final int FRAMES = 5;

    private CameraVideo() {
    }

    /** Writes the video of the QR code of {@code text} to target/{@code name}.y4m and returns its path. */
    static Path ofQr(String text, String name) {
        byte[] luma = frame(code(text));
        byte[] chroma = new byte[WIDTH * HEIGHT / 2];
        Arrays.fill(chroma, (byte) 128);
        Path file = Path.of("target", name + ".y4m").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < FRAMES; i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(luma);
                    out.write(chroma);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static BitMatrix code(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, CODE, CODE,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The luma plane: a grey frame with the code, black on white, in the middle. */
    private static byte[] frame(BitMatrix code) {
        byte[] y = new byte[WIDTH * HEIGHT];
        Arrays.fill(y, (byte) 128);
        int left = (WIDTH - code.getWidth()) / 2;
        int top = (HEIGHT - code.getHeight()) / 2;
        for (int row = 0; row < code.getHeight(); row++) {
            for (int column = 0; column < code.getWidth(); column++) {
                y[(top + row) * WIDTH + left + column] = code.get(column, row) ? (byte) 16 : (byte) 235;
            }
        }
        return y;
    }
}
