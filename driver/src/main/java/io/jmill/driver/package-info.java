/**
 * Packet I/O devices: the {@link io.jmill.driver.Device} SPI, its per-queue
 * {@link io.jmill.driver.QueueStats}, and the three metadata models of PacketMill
 * ({@link io.jmill.driver.MetadataModel}: {@link io.jmill.driver.DescriptorArea COPYING},
 * {@link io.jmill.driver.Overlay OVERLAYING}, {@link io.jmill.driver.Xchange XCHANGE} with its
 * per-thread {@link io.jmill.driver.ExchangeList}). Implementations: the simulated NIC
 * ({@code io.jmill.driver.sim}) and AF_PACKET ({@code io.jmill.driver.afpacket}). Frames to
 * replay come in through {@link io.jmill.driver.FrameSource}.
 */
package io.jmill.driver;
