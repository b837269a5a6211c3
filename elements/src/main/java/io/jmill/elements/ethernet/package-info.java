/**
 * Ethernet and ARP elements with Click's names, arguments, ports and handlers: Ethernet header
 * encapsulation and rewriting ({@code EtherEncap}, {@code EtherRewrite}, {@code EtherMirror})
 * and the ARP protocol ({@code ARPResponder}, {@code ARPQuerier}).
 *
 * <p>Ethernet addresses are handled as the low 48 bits of a {@code long}, first octet most
 * significant, and printed as Click prints them: {@code 00-1B-21-3A-4F-5C}. Settings that
 * handlers change (addresses, tables) live in state objects; the ARP table is shared between the
 * data path, which reads it without locking while nothing changes it, and the handlers.
 */
package io.jmill.elements.ethernet;
