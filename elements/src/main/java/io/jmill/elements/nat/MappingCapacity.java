package io.jmill.elements.nat;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;

/**
 * A rewriter's MAPPING_CAPACITY (alias CAPACITY): the most flows it holds, or, as in Click, the
 * name of another rewriter whose capacity it shares (one limit for the flows of both, the
 * soonest-expiring best-effort flow of either evicted first).
 */
final class MappingCapacity {
    /** The limit, when a number is given (else the largest). */
    final int flows;
    /** The rewriter named instead of a number, or null. */
    private final String sharedWith;

    MappingCapacity(Args args) {
        String word = args.keyword("CAPACITY").string(null);
        word = args.keyword("MAPPING_CAPACITY").string(word);
        int n = RewriteTable.MAX_CAPACITY;
        String name = null;
        if (word != null) {
            word = word.strip();
            if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
                long v;
                try {
                    v = Long.parseLong(word);
                } catch (NumberFormatException e) {
                    v = -1;
                    args.error("MAPPING_CAPACITY: expected an integer or a rewriter's name, got '" + word + "'");
                }
                if (v >= 0 && (v < 1 || v > RewriteTable.MAX_CAPACITY)) {
                    args.error("MAPPING_CAPACITY: must be between 1 and " + RewriteTable.MAX_CAPACITY + ", got " + word);
                }
                n = v >= 1 && v <= RewriteTable.MAX_CAPACITY ? (int) v : RewriteTable.MAX_CAPACITY;
            } else {
                name = word;
            }
        }
        flows = n;
        sharedWith = name;
    }

    /**
     * Joins the named rewriter's capacity, if one was named (at initialization). As in Click, the
     * name is looked up in the compound element {@code self} is part of first.
     */
    void share(RewriteTables tables, ElementHost host, Element self) {
        if (sharedWith == null) {
            return;
        }
        Element e = RewriteInputs.element(host, self, sharedWith);
        if (!(e instanceof TableOwner owner)) {
            throw new IllegalArgumentException("MAPPING_CAPACITY: '" + sharedWith
                    + "' is not an IP rewriter (IPRewriter, UDPRewriter, TCPRewriter, IPAddrRewriter, ICMPPingRewriter)");
        }
        if (owner.tables() != tables) {
            tables.shareCapacity(owner.tables());
        }
    }
}
