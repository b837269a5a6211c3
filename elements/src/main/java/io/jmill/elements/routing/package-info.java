/**
 * IP routing elements with Click's names, arguments, ports and handlers: the route lookup
 * elements ({@code LinearIPLookup}, {@code StaticIPLookup}, {@code RadixIPLookup},
 * {@code DirectIPLookup}, and the aliases {@code LookupIPRoute} and {@code LookupIPRouteMP}) and
 * the destination-annotation elements {@code GetIPAddress} and {@code SetIPAddress}.
 *
 * <p>The lookup elements share Click's IPRouteTable interface: routes written
 * {@code ADDR/MASK [GATEWAY] OUTPUT}, longest-prefix match on the destination IP annotation, and
 * the handlers {@code table}, {@code lookup}, {@code add}, {@code set}, {@code remove} and
 * {@code ctrl}. Each keeps its routes in a table object (the element's run-time state) that the
 * handlers change while packets flow: changes are made under the table's lock, lookups take no
 * lock and see, for each address, the route before or after a change.
 */
package io.jmill.elements.routing;
