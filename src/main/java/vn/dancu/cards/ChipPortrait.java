package vn.dancu.cards;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A drawn stand-in for a card photo (the registry keeps no photos): a face of shapes whose colours
 * and proportions follow from the personal ID number, so two persons get different pictures and the
 * same person the same one. {@code live} draws the same face a little brighter and shifted, as a
 * camera at the counter would see the card holder.
 */
final class ChipPortrait {

    static final int WIDTH = 240;
    static final int HEIGHT = 320;

    private ChipPortrait() {
    }

    static byte[] jpeg(String personalId, boolean live) {
        Random features = new Random(personalId.hashCode() * 31L + 7);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int shift = live ? 4 : 0;
        g.setColor(live ? new Color(236, 240, 246) : new Color(226, 232, 240));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int faceWidth = 120 + features.nextInt(40);
        int faceHeight = 160 + features.nextInt(40);
        int skin = 170 + features.nextInt(60);
        g.setColor(new Color(skin, skin - 40, skin - 80));
        g.fillOval((WIDTH - faceWidth) / 2 + shift, 70 + shift, faceWidth, faceHeight);
        g.setColor(new Color(20 + features.nextInt(60), 15 + features.nextInt(30), 10));
        g.fillArc((WIDTH - faceWidth) / 2 - 6 + shift, 50 + shift, faceWidth + 12, 90 + features.nextInt(40), 0, 180);
        int eyeY = 140 + features.nextInt(20) + shift;
        int eyeGap = 22 + features.nextInt(16);
        g.setColor(new Color(30, 30, 40));
        g.fillOval(WIDTH / 2 - eyeGap - 10 + shift, eyeY, 18, 10);
        g.fillOval(WIDTH / 2 + eyeGap - 8 + shift, eyeY, 18, 10);
        g.setColor(new Color(150, 60, 60));
        int mouthWidth = 30 + features.nextInt(30);
        g.fillRoundRect(WIDTH / 2 - mouthWidth / 2 + shift, eyeY + 60 + features.nextInt(15), mouthWidth, 8, 6, 6);
        g.setColor(new Color(40 + features.nextInt(100), 60 + features.nextInt(100), 90 + features.nextInt(100)));
        g.fillRect(0, 270 + shift, WIDTH, HEIGHT - 270);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
