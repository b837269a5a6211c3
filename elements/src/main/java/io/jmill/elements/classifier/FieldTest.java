package io.jmill.elements.classifier;

/**
 * One comparison a decision-tree node makes: read {@code width} bytes (1 to 4, big-endian) at
 * {@code offset} from a header {@code base}, AND them with {@code mask}, and check that the result
 * lies in the unsigned range [{@code lo}, {@code hi}]. An equality is the range [v, v].
 *
 * <p>A test has three outcomes: in range, out of range, and <em>short</em> (the bytes lie
 * beyond the end of the packet, or the header is absent). Each node of a program says where each
 * outcome leads; see {@link Expr.Leaf} for how primitives choose the short outcome.
 *
 * @param base   {@link #DATA}, {@link #MAC}, {@link #NET} or {@link #TRANSPORT}
 * @param offset byte offset from the base, 0..65535
 * @param width  bytes read, 1..4
 * @param mask   bits compared (only the low {@code 8 * width} bits may be set)
 * @param lo     lowest accepted masked value (unsigned, within the mask)
 * @param hi     highest accepted masked value (unsigned, within the mask)
 */
record FieldTest(int base, int offset, int width, int mask, int lo, int hi) {
    /** Offsets from the first data byte (Classifier). */
    static final int DATA = 0;
    /** Offsets from the MAC header annotation ({@code ether host}). */
    static final int MAC = 1;
    /** Offsets from the network (IP) header annotation. */
    static final int NET = 2;
    /** Offsets from the transport header annotation. */
    static final int TRANSPORT = 3;

    FieldTest {
        if (base < DATA || base > TRANSPORT || offset < 0 || offset > 0xFFFF || width < 1 || width > 4) {
            throw new IllegalArgumentException("bad test " + base + "/" + offset + "/" + width);
        }
        if (width < 4 && (mask >>> (8 * width)) != 0) {
            throw new IllegalArgumentException("mask wider than the field");
        }
    }

    /** An equality test {@code (bytes & mask) == value}. */
    static FieldTest equal(int base, int offset, int width, int mask, int value) {
        return new FieldTest(base, offset, width, mask, value & mask, value & mask);
    }

    /** Same bytes, same base: tests on one field can imply each other. */
    boolean sameField(FieldTest o) {
        return base == o.base && offset == o.offset && width == o.width;
    }

    /** True if no masked value can lie outside the range: the test only checks that the bytes exist. */
    boolean coversAll() {
        return lo == 0 && Integer.compareUnsigned(hi, mask) >= 0;
    }

    boolean isPoint() {
        return lo == hi;
    }

    boolean accepts(int value) {
        int v = value & mask;
        return Integer.compareUnsigned(v, lo) >= 0 && Integer.compareUnsigned(v, hi) <= 0;
    }

    /** Every value this test accepts, the other accepts too (both on the same field). */
    boolean subsetOf(FieldTest o) {
        if (o.coversAll() || Integer.compareUnsigned(lo, hi) > 0) {
            return true;
        }
        if (mask == o.mask) {
            return Integer.compareUnsigned(o.lo, lo) <= 0 && Integer.compareUnsigned(hi, o.hi) <= 0;
        }
        // A point fixes every bit of its mask, hence the other test's bits if its mask is narrower.
        return isPoint() && (o.mask & ~mask) == 0 && o.accepts(lo);
    }

    /** No value passes both tests. */
    boolean disjointFrom(FieldTest o) {
        if (mask == o.mask) {
            return Integer.compareUnsigned(hi, o.lo) < 0 || Integer.compareUnsigned(o.hi, lo) < 0;
        }
        if (isPoint() && o.isPoint()) {
            return ((lo ^ o.lo) & mask & o.mask) != 0;
        }
        if (isPoint() && (o.mask & ~mask) == 0) {
            return !o.accepts(lo);
        }
        if (o.isPoint() && (mask & ~o.mask) == 0) {
            return !accepts(o.lo);
        }
        return false;
    }

    /** Every value this test rejects, the other accepts (both on the same field). */
    boolean complementSubsetOf(FieldTest o) {
        if (o.coversAll()) {
            return true;
        }
        if (mask != o.mask) {
            return false;
        }
        if (Integer.bitCount(mask) == 1 && isPoint() && o.isPoint()) {
            return lo != o.lo;
        }
        // Rejected values are [0, lo) and (hi, mask]: both must lie in o's range.
        boolean lowOk = lo == 0 || (o.lo == 0 && Integer.compareUnsigned(lo - 1, o.hi) <= 0);
        boolean highOk = Integer.compareUnsigned(hi, mask) >= 0
                || (Integer.compareUnsigned(o.lo, hi + 1) <= 0 && Integer.compareUnsigned(o.hi, mask) >= 0);
        return lowOk && highOk;
    }

    /**
     * Where Click's programs place each base: Classifier's data from 0; IPFilter's and
     * IPClassifier's Ethernet header from 2, IP header from 256, transport header from 512.
     */
    private static final int[] CLICK_BASE = {0, 2, 256, 512};

    /** Click's offset of the first byte read. */
    int clickOffset() {
        return CLICK_BASE[base] + offset;
    }

    /**
     * Click's text for this test: the aligned 4-byte word holding the bytes, value and mask
     * shifted into place ({@code  264/00060000%00ff0000}: IP protocol 6). A range has both bounds
     * ({@code 512/00000400-0000ffff%0000ffff}), which Click never prints (its tests are equalities);
     * bytes across a word boundary are shown at their own offset with their own width.
     */
    String unparseClick() {
        int at = clickOffset();
        int word = at & ~3;
        int shift = 8 * (4 - (at - word) - width);
        if (shift < 0) {
            return String.format("%3d/", at) + hex(lo, width) + (lo != hi ? "-" + hex(hi, width) : "")
                    + "%" + hex(mask, width);
        }
        return String.format("%3d/", word) + hex(lo << shift, 4) + (lo != hi ? "-" + hex(hi << shift, 4) : "")
                + "%" + hex(mask << shift, 4);
    }

    /** One past the last byte whose mask bits are not all zero, in Click's offsets (Click's "safe length"). */
    int clickSafeLength() {
        int used = width;
        while (used > 1 && ((mask >>> (8 * (width - used))) & 0xFF) == 0) {
            used--;
        }
        return clickOffset() + used;
    }

    /** Click-like text: {@code ip+9/06%ff}, {@code 12/0806%ffff}, {@code transp+2/0400-ffff%ffff}. */
    String unparse() {
        StringBuilder sb = new StringBuilder();
        switch (base) {
            case MAC -> sb.append("ether+");
            case NET -> sb.append("ip+");
            case TRANSPORT -> sb.append("transp+");
            default -> {
            }
        }
        sb.append(offset).append('/').append(hex(lo, width));
        if (lo != hi) {
            sb.append('-').append(hex(hi, width));
        }
        return sb.append('%').append(hex(mask, width)).toString();
    }

    private static String hex(int v, int width) {
        String h = Long.toHexString(v & (width == 4 ? 0xFFFFFFFFL : (1L << (8 * width)) - 1));
        return "0".repeat(Math.max(0, 2 * width - h.length())) + h;
    }
}
