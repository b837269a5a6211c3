package io.jmill.cli;

import io.jmill.engine.router.Router;

import java.io.PrintStream;
import java.util.Locale;

/** The one-line progress reports of {@code jmill run} and its closing summary. */
final class Progress {
    private final Router router;
    private final PrintStream err;
    private long lastNanos;
    private long lastPackets;
    private long lastBytes;

    Progress(Router router, PrintStream err) {
        this.router = router;
        this.err = err;
    }

    /** Rates over the interval since the previous report. */
    void report() {
        long now = router.elapsedNanos();
        long packets = router.sourcePackets();
        long bytes = router.sourceBytes();
        double secs = (now - lastNanos) / 1e9;
        if (secs <= 0) {
            return;
        }
        err.println(line(now, packets, (packets - lastPackets) / secs, (bytes - lastBytes) / secs));
        lastNanos = now;
        lastPackets = packets;
        lastBytes = bytes;
    }

    /** Averages over the whole run. */
    String summary() {
        long now = router.elapsedNanos();
        long packets = router.sourcePackets();
        double secs = Math.max(now / 1e9, 1e-9);
        return "jmill: stopped (" + router.stopReason() + ") — " + line(now, packets, packets / secs,
                router.sourceBytes() / secs).substring("jmill: ".length());
    }

    private String line(long nanos, long packets, double pps, double bytesPerSec) {
        return String.format(Locale.ROOT, "jmill: %6.1f s  %,15d packets  %8.3f Mpps  %7.3f Gbps  drops %,d",
                nanos / 1e9, packets, pps / 1e6, bytesPerSec * 8 / 1e9, router.drops());
    }
}
