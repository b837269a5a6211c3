/**
 * Packet memory: one off-heap segment ({@link io.jmill.layout.PacketMemory}), a pool of fixed-size
 * slots ({@link io.jmill.layout.PacketPool}), permanent {@link io.jmill.layout.Packet} handles, the
 * metadata fields and their layouts ({@link io.jmill.layout.MetadataField},
 * {@link io.jmill.layout.MetadataLayout}), and reusable {@link io.jmill.layout.PacketBatch}es.
 *
 * <p>A slot is {@code [metadata | headroom | data]}. Everything an element knows about a packet
 * (length, header offsets, annotations) lives in the slot's metadata area, at offsets given by the
 * active layout; elements reach it only through {@code Packet} accessors, which is what lets a
 * later stage rewrite every access into a constant offset of a reordered layout.
 */
package io.jmill.layout;
