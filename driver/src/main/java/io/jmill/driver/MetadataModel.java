package io.jmill.driver;

/**
 * How a driver turns a completion (what the NIC, or the kernel, reports about a received frame)
 * into JMill packet metadata: the three models of PacketMill (ASPLOS'21), selectable per device.
 * The frame bytes land in a JMill packet buffer in every model; the models differ in where the
 * per-packet metadata is written, how often, and where buffers come from and go to.
 *
 * <table>
 * <caption>What each model writes per received packet</caption>
 * <tr><th>model</th><th>metadata path</th><th>buffers</th></tr>
 * <tr><td>{@link #COPYING}</td><td>completion → driver descriptor in the driver's own memory
 *     ({@link DescriptorArea}) → JMill metadata through {@code Packet} setters: two writes per
 *     field</td><td>pool alloc per refilled descriptor, pool free per transmitted packet</td></tr>
 * <tr><td>{@link #OVERLAYING}</td><td>completion → one write per field into the packet slot: the
 *     fields JMill shares with the driver descriptor at the active layout's offsets (looked up
 *     per burst, so not constants), the driver's private bookkeeping in the slot headroom
 *     ({@link Overlay})</td><td>as COPYING: the driver keeps its own allocation and free path
 *     through the pool</td></tr>
 * <tr><td>{@link #XCHANGE}</td><td>completion → JMill metadata, one store per field at the active
 *     layout's offset, no driver descriptor at all (the recycled buffer's metadata words are
 *     cleared first, at hand-up time); once specialized, only the fields the graph reads
 *     ({@link Xchange})</td><td>each buffer handed up is replaced by an application buffer
 *     from the thread's {@link ExchangeList}; transmitted buffers go back to that list; the pool
 *     is touched only when the list runs dry</td></tr>
 * </table>
 *
 * All three produce the same packet bytes and the same metadata as seen by elements.
 */
public enum MetadataModel {
    COPYING,
    OVERLAYING,
    XCHANGE;

    /** The lower-case name used in configurations and handlers ({@code xchange}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
