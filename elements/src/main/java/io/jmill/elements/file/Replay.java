package io.jmill.elements.file;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * Replays its input's packets a number of times, pull to pull.
 *
 * <pre>Replay([keywords STOP, STOP_TIME, QUEUE, BURST, LIMIT, ACTIVE, FREEONTERMINATE, QUICK_CLONE, VERBOSE, USE_SIGNAL])</pre>
 *
 * <p>FastClick's Replay: a task that first pulls every packet its inputs have (until an input gives
 * nothing, or LIMIT packets) and keeps them; then puts copies of them, in order, into a queue of
 * QUEUE packets per output, from which downstream elements pull them; and starts over, STOP times
 * in all. Once the last copies have been pulled it asks the router to stop and its task ends.
 * (FastClick stops as soon as the last copies are queued, which can lose them; JMill waits.) The
 * stored packets are freed when the router is closed. See ReplayUnqueue for the pull-to-push
 * version, which needs no queue.
 *
 * <p>With several inputs, packets are loaded merged by timestamp and each is replayed out of the
 * output with its input's number; loading ends when any input runs dry. Also known as
 * {@code MultiReplay}, FastClick's name for the same behaviour with several inputs.
 *
 * <p>Ports: one or more inputs, pull; as many outputs, pull.
 *
 * <p>Keyword arguments: as ReplayUnqueue's (without TIMING), plus
 * <ul>
 * <li>{@code QUEUE}: integer, at least 1. Capacity of each output's queue (rounded up to a power
 *     of two). Default 1024.</li>
 * </ul>
 *
 * <p>Handlers: {@code active}, {@code stop}, {@code reset}, {@code loaded}, {@code stored},
 * {@code count}, {@code loops}, as ReplayUnqueue's.
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap) -&gt; Replay(STOP 5) -&gt; Unqueue -&gt; Discard;</pre>
 */
@ElementInfo(ports = "1-/=", processing = "l/l", aliases = "MultiReplay")
public final class Replay extends ReplayBase {
    private final int queueCapacity;
    private final Rings rings = new Rings();

    /**
     * One single-producer (the task), single-consumer (the puller) queue per output, and the stop
     * request held back until they are empty.
     */
    private static final class Rings {
        OneToOneConcurrentArrayQueue<Packet>[] queues;
        String finishReason;
        boolean stopRequested;
    }

    public Replay(ElementConfig c) {
        super(c);
        queueCapacity = c.args().keyword("QUEUE").integer(1024, 1, 1 << 24);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void initialize() {
        super.initialize();
        rings.queues = new OneToOneConcurrentArrayQueue[noutputs()];
        for (int i = 0; i < noutputs(); i++) {
            rings.queues[i] = new OneToOneConcurrentArrayQueue<>(Math.max(2, queueCapacity));
        }
    }

    @Override
    public int runTask() {
        State s = state;
        int r = prepare(s);
        if (r != -2) {
            return r;
        }
        refreshImages(s);
        var queues = rings.queues;
        int n = 0;
        while (n < burst && s.cursor < s.size) {
            int i = s.cursor;
            var queue = queues[s.ports[i]];
            if (queue.remainingCapacity() == 0) {
                break;
            }
            Packet q = copyOf(s, i);
            if (q == null) {
                if (s.packets[i] == null) {
                    s.stop = 0;
                    endOfLoop(s);
                }
                break;
            }
            s.cursor = i + 1;
            n++;
            sent(s, q);
            queue.offer(q);
        }
        if (s.cursor == s.size && !s.finished) {
            endOfLoop(s);
        }
        return n;
    }

    @Override
    public Packet pull(int port) {
        return rings.queues[port].poll();
    }

    /** Done only once every queued copy has been pulled; until then the router keeps running. */
    @Override
    protected int finishedResult(State s) {
        for (var q : rings.queues) {
            if (!q.isEmpty()) {
                return 0;
            }
        }
        if (!rings.stopRequested) {
            rings.stopRequested = true;
            host().stop(rings.finishReason);
        }
        return DONE;
    }

    @Override
    protected void onFinish(State s, String reason) {
        rings.finishReason = reason;
    }

    @Override
    public void cleanup() {
        super.cleanup();
        if (rings.queues != null) {
            for (var q : rings.queues) {
                Packet p;
                while ((p = q.poll()) != null) {
                    p.kill();
                }
            }
        }
    }
}
