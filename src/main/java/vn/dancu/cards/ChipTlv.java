package vn.dancu.cards;

import java.io.ByteArrayOutputStream;

/**
 * The BER-TLV framing of the LDS files (ICAO 9303 part 10): one- or two-byte tags, definite
 * lengths. Reading is strict: a length that runs past the data, or bytes left over, is malformed.
 */
final class ChipTlv {

    /** A tag's value within {@code data}: {@code [start, end)}. */
    record Slice(byte[] data, int tag, int start, int end) {

        byte[] value() {
            return java.util.Arrays.copyOfRange(data, start, end);
        }
    }

    private ChipTlv() {
    }

    /** The value of the one TLV at {@code offset} whose tag must be {@code tag}; {@code limit} where it must end at most. */
    static Slice read(byte[] data, int offset, int limit, int tag, ChipCode code, int group) {
        int at = offset;
        if (at >= limit) {
            throw new ChipMalformed(code, group, "Expected tag " + Integer.toHexString(tag) + " but the data ended");
        }
        int found = data[at++] & 0xFF;
        if ((found & 0x1F) == 0x1F) {
            if (at >= limit) {
                throw new ChipMalformed(code, group, "A two-byte tag is cut off");
            }
            found = (found << 8) | (data[at++] & 0xFF);
        }
        if (found != tag) {
            throw new ChipMalformed(code, group, "Expected tag " + Integer.toHexString(tag) + ", found " + Integer.toHexString(found));
        }
        if (at >= limit) {
            throw new ChipMalformed(code, group, "The length of tag " + Integer.toHexString(tag) + " is missing");
        }
        int first = data[at++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int bytes = first & 0x7F;
            if (bytes == 0 || bytes > 3 || at + bytes > limit) {
                throw new ChipMalformed(code, group, "The length of tag " + Integer.toHexString(tag) + " is not a definite length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (data[at++] & 0xFF);
            }
        }
        if (length > limit - at) {
            throw new ChipMalformed(code, group, "Tag " + Integer.toHexString(tag) + " claims more bytes than were sent");
        }
        return new Slice(data, tag, at, at + length);
    }

    /** The value of a file that is exactly one TLV with this tag. */
    static Slice whole(byte[] data, int tag, ChipCode code, int group) {
        Slice slice = read(data, 0, data.length, tag, code, group);
        if (slice.end() != data.length) {
            throw new ChipMalformed(code, group, (data.length - slice.end()) + " bytes follow the file's tag " + Integer.toHexString(tag));
        }
        return slice;
    }

    static byte[] wrap(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xFF);
            out.write(length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
