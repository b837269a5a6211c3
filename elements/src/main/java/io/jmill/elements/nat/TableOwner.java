package io.jmill.elements.nat;

/** A rewriter, seen through its mapping tables (for shared capacities). */
interface TableOwner {
    RewriteTables tables();
}
