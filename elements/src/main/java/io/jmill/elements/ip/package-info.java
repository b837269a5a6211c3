/**
 * IPv4 elements with Click's names, arguments, ports and handlers: header checks
 * ({@code CheckIPHeader}, {@code CheckIPHeader2}, {@code MarkIPHeader}, {@code CheckTCPHeader},
 * {@code CheckUDPHeader}, {@code CheckICMPHeader}), the router's forwarding steps
 * ({@code DecIPTTL}, {@code IPGWOptions}, {@code FixIPSrc}, {@code IPFragmenter},
 * {@code DropBroadcasts}, {@code IPOutputCombo}), checksum setters ({@code SetIPChecksum},
 * {@code SetTCPChecksum}, {@code SetUDPChecksum}) and {@code ICMPError}.
 *
 * <p>Most elements expect the network header annotation that {@code CheckIPHeader} or
 * {@code MarkIPHeader} set; a packet without it (or whose IP header does not fit in the packet)
 * is never read past its end: it is counted and dropped or sent to the error output, as each
 * element's page says. Nothing here throws on a malformed packet.
 *
 * <p>Packets are created only where Click creates them (fragments, ICMP errors), from the
 * {@link io.jmill.layout.PacketPool}; an exhausted pool is a counted drop. Counters are written by
 * the one thread that runs the element; settings changed through handlers are {@code volatile}.
 */
package io.jmill.elements.ip;
