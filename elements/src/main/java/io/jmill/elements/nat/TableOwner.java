package io.jmill.elements.nat;

/** A rewriter, seen through its mapping table (for ICMPRewriter's lookups and shared capacities). */
interface TableOwner {
    RewriteTable table();
}
