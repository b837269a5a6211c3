package io.jmill.elements.standard;

import io.jmill.layout.MetadataField;

/**
 * One byte of packet metadata, as Click's {@code AnnoArg(1)} designates it: an annotation named
 * in Click's style ({@code PAINT}, {@code FIX_IP_SRC}, or a name of one's own, registered as a
 * one-byte named annotation) or a byte offset into Click's annotation area.
 *
 * <p>JMill's metadata has no fixed layout, so an offset is translated to the named field that
 * FastClick keeps there ({@code include/click/packet_anno.hh}) and the byte of it at that offset,
 * with FastClick's little-endian hosts in mind: 0-3 are the bytes of the destination-IP
 * annotation in network order, 16 ICMP_PARAM_PROB, 17 PAINT, 19 FIX_IP_SRC, 20-23 the bytes of
 * the aggregate annotation from the least significant up. Other offsets hold fields JMill does
 * not have, or several of FastClick's overlapping fields, and are refused.
 *
 * @param field the metadata field
 * @param shift the byte's position in the field's value, in bits from the least significant end
 */
record AnnoByte(MetadataField field, int shift) {
    /** The PAINT annotation. */
    static final AnnoByte PAINT = new AnnoByte(MetadataField.PAINT, 0);

    /**
     * The byte {@code text} designates, or null (with {@code why[0]} set) if it designates none:
     * a malformed name, a field larger than a byte, or an offset without a JMill field.
     */
    static AnnoByte parse(String text, String[] why) {
        String t = text.strip();
        if (t.matches("[0-9]+")) {
            return ofClickOffset(Integer.parseInt(t), why);
        }
        MetadataField f = PaintSwitch.oneByteAnnotation(t);
        if (f == null) {
            why[0] = "expected a one-byte annotation name such as PAINT or a Click annotation offset, got '" + t + "'";
            return null;
        }
        return new AnnoByte(f, 0);
    }

    private static AnnoByte ofClickOffset(int offset, String[] why) {
        AnnoByte b = switch (offset) {
            case 0, 1, 2, 3 -> new AnnoByte(MetadataField.DST_IP, 8 * (3 - offset));
            case 16 -> new AnnoByte(MetadataField.ICMP_PARAM_PROB, 0);
            case 17 -> PAINT;
            case 19 -> new AnnoByte(MetadataField.FIX_IP_SRC, 0);
            case 20, 21, 22, 23 -> new AnnoByte(MetadataField.AGGREGATE, 8 * (offset - 20));
            default -> null;
        };
        if (b == null) {
            why[0] = "Click annotation offset " + offset + " has no JMill metadata field"
                    + " (offsets 0-3 DST_IP, 16 ICMP_PARAM_PROB, 17 PAINT, 19 FIX_IP_SRC, 20-23 AGGREGATE are mapped)";
        }
        return b;
    }
}
