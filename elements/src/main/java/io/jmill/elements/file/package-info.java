/**
 * Trace files: {@code FromDump} reads a libpcap ("tcpdump -w") file into the router,
 * {@code ToDump} writes packets to one, and FastClick's {@code Replay} and {@code ReplayUnqueue}
 * load every packet from their input once and send copies of them again and again.
 *
 * <p>The file format itself (µs and ns timestamps, byte orders, snap lengths, damaged files) is
 * {@link io.jmill.driver.pcap}; these elements add Click's arguments, ports, handlers and
 * end-of-file behaviour.
 */
package io.jmill.elements.file;
