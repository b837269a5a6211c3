package io.jmill.engine.runtime;

/** An element whose output enters the router (a source); the progress report sums these. */
public interface TrafficSource {
    /** Packets emitted so far. */
    long packetsOut();

    /** Bytes emitted so far. */
    long bytesOut();
}
