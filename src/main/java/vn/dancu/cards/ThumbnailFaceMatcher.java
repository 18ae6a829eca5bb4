package vn.dancu.cards;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

/**
 * The local implementation of {@link FaceMatcher}: both images scaled to a 32×32 grey thumbnail,
 * each normalised to mean 0 and unit variance, then compared by correlation. It is NOT biometric
 * recognition: it finds no face and would tell two photos of one person apart. It proves the
 * plumbing end to end and catches a live photo that is a different picture altogether. JPEG and
 * PNG are read (ImageIO); a JPEG 2000 reference is reported NOT_PERFORMED.
 */
final class ThumbnailFaceMatcher implements FaceMatcher {

    static final String ENGINE = "dancu-local-thumbnail-correlation (not biometric)";
    static final int SIDE = 32;
    /** The correlation above which two thumbnails count as the same picture. */
    static final double THRESHOLD = 0.90;

    @Override
    public Result match(byte[] probe, byte[] reference) {
        double[] a = thumbnail(probe);
        double[] b = thumbnail(reference);
        if (a == null || b == null) {
            return new Result(Outcome.NOT_PERFORMED, null, ENGINE, a == null ? "The live photo is not a JPEG or PNG image"
                    : "The reference (DG2) is not a JPEG or PNG image");
        }
        double score = 0;
        for (int i = 0; i < a.length; i++) {
            score += a[i] * b[i];
        }
        score = Math.max(0, score / a.length);
        double rounded = Math.round(score * 1000) / 1000.0;
        return new Result(score >= THRESHOLD ? Outcome.MATCH : Outcome.NO_MATCH, rounded, ENGINE, null);
    }

    private static double[] thumbnail(byte[] image) {
        BufferedImage source;
        try {
            source = image == null ? null : ImageIO.read(new ByteArrayInputStream(image));
        } catch (Exception e) {
            source = null;
        }
        if (source == null) {
            return null;
        }
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SIDE, SIDE, null);
        g.dispose();
        double[] values = new double[SIDE * SIDE];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = small.getRaster().getSample(i % SIDE, i / SIDE, 0);
            sum += values[i];
        }
        double mean = sum / values.length;
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean);
        }
        double deviation = Math.sqrt(variance / values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = deviation == 0 ? 0 : (values[i] - mean) / deviation;
        }
        return values;
    }
}
