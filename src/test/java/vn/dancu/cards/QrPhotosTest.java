package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The QR code of a card found in photos taken at a counter, and the uploads that hold none. */
class QrPhotosTest {

    static QrPhotos.Outcome read(byte[] bytes) {
        return QrPhotos.read(new ByteArrayInputStream(bytes), bytes.length);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 7, -12, 90, 183, 265})
    void theCodeIsReadFromAPhotoTurnedNoisyAndCompressed(double degrees) {
        assertThat(read(CardPhotos.photo(CardQrTest.AN, degrees, 15))).isEqualTo(new QrPhotos.Found(CardQrTest.AN));
    }

    @Test
    void aPngScreenshotOfTheCodeIsReadToo() {
        byte[] png = CardPhotos.bytes(CardPhotos.code(CardQrTest.AN, 3), "png");
        assertThat(read(png)).isEqualTo(new QrPhotos.Found(CardQrTest.AN));
    }

    @Test
    void aLargePhotoIsScaledDownAndStillRead() {
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        var g = big.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 4000, 3000);
        g.drawImage(CardPhotos.code(CardQrTest.AN, 14), 1200, 600, null);
        g.dispose();
        assertThat(read(CardPhotos.bytes(big, "jpg"))).isEqualTo(new QrPhotos.Found(CardQrTest.AN));
    }

    @Test
    void aPhotoWithoutACodeSaysSo() {
        BufferedImage blank = CardPhotos.scene(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), 3, 1);
        assertThat(read(CardPhotos.bytes(blank, "jpg"))).isEqualTo(new QrPhotos.Unreadable("NO_QR_CODE"));
    }

    @Test
    void aFileThatIsNoImageIsToldApart() {
        assertThat(read("001075503799|012345678|Nguyễn Văn An".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new QrPhotos.Unreadable("NOT_AN_IMAGE"));
        assertThat(read(new byte[0])).isEqualTo(new QrPhotos.Unreadable("NOT_AN_IMAGE"));
        byte[] png = CardPhotos.bytes(CardPhotos.code(CardQrTest.AN, 3), "png");
        assertThat(read(java.util.Arrays.copyOf(png, 100))).as("a truncated PNG").isEqualTo(new QrPhotos.Unreadable("NOT_AN_IMAGE"));
    }

    @Test
    void aFileOrAnImageTooLargeIsRefusedBeforeItIsDecoded() {
        assertThat(QrPhotos.read(new ByteArrayInputStream(new byte[0]), QrPhotos.MAX_BYTES + 1))
                .isEqualTo(new QrPhotos.Unreadable("IMAGE_TOO_LARGE"));
        // A PNG header that claims 50,000 × 50,000 pixels: a few bytes that would take 10 GB to decode.
        byte[] bomb = pngHeader(50_000, 50_000);
        assertThat(read(bomb)).isEqualTo(new QrPhotos.Unreadable("IMAGE_TOO_LARGE"));
    }

    private static byte[] pngHeader(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(ihdr.array());
        return java.nio.ByteBuffer.allocate(8 + 25).put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13)
                .put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
