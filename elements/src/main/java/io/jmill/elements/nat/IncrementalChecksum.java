package io.jmill.elements.nat;

/**
 * RFC 1624 incremental checksum updates with a precomputed delta, for elements that rewrite the
 * same fields of every packet of a flow.
 *
 * <p>A delta is the folded one's-complement sum of {@code ~old + new} over every 16-bit word that
 * changes; {@link #apply} then computes {@code HC' = ~(~HC + delta)} (RFC 1624 eqn. 3), and the
 * delta of the opposite rewrite (new back to old) is {@link #negate}. Because every addition uses
 * end-around carry and {@code ~HC} is never the all-zero word of a correctly computed TCP or IP
 * checksum, the result equals a checksum recomputed from scratch, bit for bit.
 */
final class IncrementalChecksum {
    private IncrementalChecksum() {
    }

    /** Adds the change of one 16-bit word from {@code oldWord} to {@code newWord} to an unfolded delta. */
    static int addWord(int delta, int oldWord, int newWord) {
        return delta + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
    }

    /** Adds the change of a 32-bit field (an IPv4 address) as two 16-bit words. */
    static int addAddress(int delta, int oldAddress, int newAddress) {
        return addWord(addWord(delta, oldAddress >>> 16, newAddress >>> 16), oldAddress, newAddress);
    }

    /** Folds an unfolded sum (below 2^31) to 16 bits with end-around carry. */
    static int fold(int sum) {
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return (sum & 0xFFFF) + (sum >>> 16);
    }

    /** The delta that undoes {@code delta} (its one's-complement negation). */
    static int negate(int delta) {
        return ~delta & 0xFFFF;
    }

    /** The checksum after the change summarized by the folded {@code delta}. */
    static int apply(int checksum, int delta) {
        return ~fold((~checksum & 0xFFFF) + delta) & 0xFFFF;
    }

    /** As {@link #apply}, for UDP: a result of 0 is sent as 0xFFFF, since 0 means "no checksum" (RFC 768). */
    static int applyUdp(int checksum, int delta) {
        int c = apply(checksum, delta);
        return c == 0 ? 0xFFFF : c;
    }
}
