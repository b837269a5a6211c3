package io.jmill.specializer;

/**
 * What the planner reads from a run-time profile. Minimal on purpose: the profiler implements it;
 * a profile can only narrow a plan (elements that saw no traffic stay generic) or annotate it
 * (packet counts on edges), never widen it.
 */
public interface ProfileView {
    /** Packets pushed out of (or pulled through) output {@code port} of element {@code from}. */
    long edgePackets(String from, int port);

    /** Packets that entered element {@code element}. */
    long elementPackets(String element);
}
