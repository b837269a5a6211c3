package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;

import java.util.concurrent.TimeUnit;

/**
 * Blocks the thread that writes its handler, for tests.
 *
 * <pre>BlockThread()</pre>
 *
 * <p>Writing a time ({@code 10ms}, {@code 0.5}, {@code 2s}) to the {@code block} handler makes
 * the writing thread sleep that long before the write returns. Written from a script running on
 * a worker thread, it holds up every task of that worker: a way to test what happens while a
 * thread is stuck (signals arriving meanwhile, queues filling up). Not for production
 * configurations.
 *
 * <p>Ports: none.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code block} (write): sleeps the given time.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * bt :: BlockThread;
 * Script(TYPE SIGNAL USR1, write bt.block 10ms, end);
 * </pre>
 *
 * <p>See also: Script.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class BlockThread extends Element {
    public BlockThread(ElementConfig c) {
        super(c);
    }

    @Override
    public void addHandlers(Handlers h) {
        h.write("block", v -> block(HandlerValues.parse("block", v, a -> a.durationNanos(0))));
    }

    private static void block(long nanos) throws HandlerException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerException("block: interrupted");
        }
    }
}
