package vn.dancu.procedures;

import java.util.Optional;

/** What a file is, by its first bytes: an attachment or a checked document is what it says it is. */
final class Attachments {

    private Attachments() {
    }

    /** The type the first bytes show (PDF, JPEG, PNG). */
    static Optional<String> sniff(byte[] b) {
        if (b.length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            return Optional.of("application/pdf");
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }
}
