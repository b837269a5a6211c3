package io.jmill.elements.nat;

/**
 * A rewriter whose mappings {@link ICMPRewriter} consults to translate the packet quoted in an ICMP
 * error. An entry is {@code slot << 1 | direction} in the rewriter's {@link RewriteTable}.
 */
interface MappingLookup extends TableOwner {
    /**
     * The entry a packet with this flow would match on arrival, or -1. For ICMP echo, {@code sport}
     * is the identifier of an echo reply (what a reply to the quoted request carries).
     */
    int find(int proto, int src, int sport, int dst, int dport);

    /** The calling worker's table, which {@link #find} answered from. */
    RewriteTable table();

    /** The output the entry's packets leave on. */
    int output(int entry);

    /** Source port (or ICMP identifier) that packets of the entry are rewritten to. */
    int rewrittenSport(int entry);

    /** Destination port that packets of the entry are rewritten to (0 for ICMP echo). */
    int rewrittenDport(int entry);
}
