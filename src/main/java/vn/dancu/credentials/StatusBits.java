package vn.dancu.credentials;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The byte array of a Token Status List (draft-ietf-oauth-status-list-12, section 4): {@code bits}
 * bits per credential, the credential at index i in byte {@code i * bits / 8} from the least
 * significant bit up; {@code lst} is that array compressed with DEFLATE in the zlib format, in base64url.
 */
record StatusBits(int bits, byte[] bytes) {

    static final int VALID = 0;
    static final int INVALID = 1;

    StatusBits {
        if (bits != 1 && bits != 2) {
            throw new IllegalArgumentException("A status list has 1 or 2 bits per entry");
        }
    }

    static StatusBits empty(int bits, int size) {
        return new StatusBits(bits, new byte[size * bits / 8]);
    }

    int size() {
        return bytes.length * 8 / bits;
    }

    int get(int index) {
        checkIndex(index);
        int bit = index * bits;
        return (bytes[bit / 8] >> (bit % 8)) & ((1 << bits) - 1);
    }

    void set(int index, int status) {
        checkIndex(index);
        int bit = index * bits;
        int mask = ((1 << bits) - 1) << (bit % 8);
        bytes[bit / 8] = (byte) ((bytes[bit / 8] & ~mask) | ((status << (bit % 8)) & mask));
    }

    String lst() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /** Reads an {@code lst}; refuses one that does not inflate or is larger than {@code maxBytes} once inflated. */
    static StatusBits parse(int bits, String lst, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getUrlDecoder().decode(lst));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("The status list is cut short");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new IllegalArgumentException("The status list is larger than any list this issuer makes");
                }
            }
            return new StatusBits(bits, out.toByteArray());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("The status list is not zlib data", e);
        } finally {
            inflater.end();
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("Status index " + index + " is outside the list");
        }
    }
}
