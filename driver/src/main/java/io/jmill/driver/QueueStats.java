package io.jmill.driver;

/**
 * Counters of one device queue, DPDK-style ({@code q_ipackets}, {@code q_opackets}, ...), plus
 * where the queue's buffers came from and went to, which is what tells the metadata models apart.
 *
 * <p>Single writer: the receive counters are written only by the thread that polls the queue, the
 * transmit counters only by the thread that transmits on it, once per burst. Readers on other
 * threads (handlers, JMX) read plain fields and may see values a burst old.
 */
public final class QueueStats {
    private long ipackets;
    private long ibytes;
    private long imissed;
    private long ierrors;
    private long opackets;
    private long obytes;
    private long txDrops;
    private long poolAllocs;
    private long exchangeTakes;
    private long poolFrees;
    private long exchangeReturns;

    // ------------------------------------------------------------------ writers (data plane)

    /** {@code n} packets of {@code bytes} bytes in total were handed up. */
    public void received(int n, long bytes) {
        ipackets += n;
        ibytes += bytes;
    }

    /** {@code n} frames arrived but found no posted buffer (or the kernel dropped them). */
    public void missed(long n) {
        imissed += n;
    }

    /** {@code n} frames were received damaged or truncated. */
    public void receiveErrors(long n) {
        ierrors += n;
    }

    /** {@code n} packets of {@code bytes} bytes in total left on the wire. */
    public void transmitted(int n, long bytes) {
        opackets += n;
        obytes += bytes;
    }

    /** {@code n} packets could not be transmitted (ring full, send error) and were freed. */
    public void transmitDrops(long n) {
        txDrops += n;
    }

    /** {@code n} buffers were taken from the packet pool to refill the receive side. */
    public void poolAllocs(long n) {
        poolAllocs += n;
    }

    /** {@code n} buffers were taken from the exchange list (XCHANGE). */
    public void exchangeTakes(long n) {
        exchangeTakes += n;
    }

    /** {@code n} transmitted buffers were freed to the packet pool. */
    public void poolFrees(long n) {
        poolFrees += n;
    }

    /** {@code n} transmitted buffers were handed to the exchange list (XCHANGE). */
    public void exchangeReturns(long n) {
        exchangeReturns += n;
    }

    // ------------------------------------------------------------------ readers

    /** Packets received (handed up). */
    public long ipackets() {
        return ipackets;
    }

    public long ibytes() {
        return ibytes;
    }

    /** Frames lost for lack of posted buffers (the host did not poll in time, or the pool was empty). */
    public long imissed() {
        return imissed;
    }

    /** Frames received damaged or truncated. */
    public long ierrors() {
        return ierrors;
    }

    public long opackets() {
        return opackets;
    }

    public long obytes() {
        return obytes;
    }

    /** Packets dropped on transmit. */
    public long txDrops() {
        return txDrops;
    }

    /**
     * Buffers taken from the packet pool to refill the receive side: one per packet in COPYING and
     * OVERLAYING; in XCHANGE only when the exchange list ran dry ("pool refills").
     */
    public long poolAllocs() {
        return poolAllocs;
    }

    /** Buffers taken from the exchange list (XCHANGE). */
    public long exchangeTakes() {
        return exchangeTakes;
    }

    /** Transmitted buffers freed to the pool. */
    public long poolFrees() {
        return poolFrees;
    }

    /** Transmitted buffers handed back to the exchange list (XCHANGE). */
    public long exchangeReturns() {
        return exchangeReturns;
    }

    /** Adds {@code other}'s counters to this one (for totals; not for the data plane). */
    public QueueStats add(QueueStats other) {
        ipackets += other.ipackets;
        ibytes += other.ibytes;
        imissed += other.imissed;
        ierrors += other.ierrors;
        opackets += other.opackets;
        obytes += other.obytes;
        txDrops += other.txDrops;
        poolAllocs += other.poolAllocs;
        exchangeTakes += other.exchangeTakes;
        poolFrees += other.poolFrees;
        exchangeReturns += other.exchangeReturns;
        return this;
    }

    /** One line, {@code name value} pairs in DPDK's vocabulary. */
    public String describe() {
        return "ipackets " + ipackets + " ibytes " + ibytes + " imissed " + imissed + " ierrors " + ierrors
                + " opackets " + opackets + " obytes " + obytes + " tx_drops " + txDrops
                + " pool_allocs " + poolAllocs + " exchange_takes " + exchangeTakes
                + " pool_frees " + poolFrees + " exchange_returns " + exchangeReturns;
    }

    @Override
    public String toString() {
        return describe();
    }
}
