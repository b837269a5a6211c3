/**
 * libpcap's classic capture-file format ("tcpdump -w" files): {@link io.jmill.driver.pcap.PcapReader}
 * reads records straight into pool packets, {@link io.jmill.driver.pcap.PcapWriter} writes packets
 * out, and {@link io.jmill.driver.pcap.PcapFormat} holds the format's constants. Both sides handle
 * microsecond and nanosecond timestamps, either byte order (reading), and snap lengths; a damaged
 * file gives a {@link io.jmill.driver.pcap.PcapException} naming the file and the byte offset.
 * pcapng files are recognized and refused.
 */
package io.jmill.driver.pcap;
