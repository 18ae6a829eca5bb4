package vn.dancu.cards;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the QR code in a photo of a card's back (PNG or JPEG) on the server, with ZXing. Photos from
 * a counter's webcam or a phone are skewed, unevenly lit and sometimes upside down: each attempt
 * tries the hybrid binarizer (local thresholds, for uneven light), then the global one (for blur),
 * with TRY_HARDER, on the photo scaled down to a size the detector handles well, then at full size,
 * then turned by quarter turns. A file that is not an image, or too large, is told apart from an
 * image without a QR code.
 */
final class QrPhotos {

    /** A phone photo is a few megabytes; more is refused before it is read. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Pixels decoded at most: a small file can claim a huge image (a decompression bomb). */
    static final long MAX_PIXELS = 40_000_000L;
    private static final int WORKING_SIDE = 1_600;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.CHARACTER_SET, "UTF-8");

    /** What a photo gave: the QR's text, or why not. */
    sealed interface Outcome permits Found, Unreadable {
    }

    record Found(String text) implements Outcome {
    }

    /** {@code code}: NOT_AN_IMAGE, IMAGE_TOO_LARGE or NO_QR_CODE. */
    record Unreadable(String code) implements Outcome {
    }

    private QrPhotos() {
    }

    static Outcome read(InputStream photo, long size) {
        if (size > MAX_BYTES) {
            return new Unreadable("IMAGE_TOO_LARGE");
        }
        try {
            Optional<BufferedImage> image = image(photo);
            if (image.isEmpty()) {
                return new Unreadable("NOT_AN_IMAGE");
            }
            return decode(image.get()).<Outcome>map(Found::new).orElse(new Unreadable("NO_QR_CODE"));
        } catch (TooLarge e) {
            return new Unreadable("IMAGE_TOO_LARGE");
        } catch (IOException | RuntimeException e) {
            return new Unreadable("NOT_AN_IMAGE"); // a truncated or corrupt file: ImageIO throws either
        }
    }

    /** The image, once its header shows a size worth decoding; empty when no reader knows the format. */
    private static Optional<BufferedImage> image(InputStream photo) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(photo)) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new TooLarge();
                }
                return Optional.of(reader.read(0));
            } finally {
                reader.dispose();
            }
        }
    }

    static Optional<String> decode(BufferedImage image) {
        List<BufferedImage> attempts = new ArrayList<>();
        BufferedImage working = scaled(image);
        attempts.add(working);
        if (working != image) {
            attempts.add(image);
        }
        for (int turns = 1; turns < 4; turns++) {
            attempts.add(turned(working, turns));
        }
        for (BufferedImage attempt : attempts) {
            Optional<String> text = decodeOnce(attempt);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decodeOnce(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        LuminanceSource source = new RGBLuminanceSource(w, h, image.getRGB(0, 0, w, h, null, 0, w));
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                return Optional.of(new QRCodeReader().decode(bitmap, HINTS).getText());
            } catch (ReaderException notHere) {
                // the next binarizer, the next attempt
            }
        }
        return Optional.empty();
    }

    private static BufferedImage scaled(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side <= WORKING_SIDE) {
            return image;
        }
        double factor = (double) WORKING_SIDE / side;
        return draw(image, (int) Math.round(image.getWidth() * factor), (int) Math.round(image.getHeight() * factor), 0);
    }

    private static BufferedImage turned(BufferedImage image, int quarterTurns) {
        boolean sideways = quarterTurns % 2 == 1;
        return draw(image, sideways ? image.getHeight() : image.getWidth(), sideways ? image.getWidth() : image.getHeight(),
                quarterTurns);
    }

    private static BufferedImage draw(BufferedImage image, int width, int height, int quarterTurns) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.translate(width / 2.0, height / 2.0);
            g.rotate(quarterTurns * Math.PI / 2);
            int w = quarterTurns % 2 == 1 ? height : width;
            int h = quarterTurns % 2 == 1 ? width : height;
            g.drawImage(image, -w / 2, -h / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
