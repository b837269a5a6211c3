package io.jmill.specializer.backend;

import io.jmill.engine.handler.Handlers;

import java.util.List;

/**
 * Withdraws Graal code that folded what write handlers change: armed with an action, it runs it
 * (once) before the first write-handler call of any of the watched elements. Opened before the
 * compilation reads the values it folds, so that a write during the compilation is seen too:
 * {@link #arm} then says the code is already stale.
 */
public final class HandlerWatch {
    private final List<Handlers> watched;
    private final long[] writesAtOpen;
    private Runnable listener;

    /** Starts counting the writes of {@code watched} (before the values are read). */
    HandlerWatch(List<Handlers> watched) {
        this.watched = List.copyOf(watched);
        this.writesAtOpen = new long[this.watched.size()];
        for (int i = 0; i < writesAtOpen.length; i++) {
            writesAtOpen[i] = this.watched.get(i).writes();
        }
    }

    /**
     * Runs {@code beforeWrite} before the next write-handler call of a watched element; false if
     * one ran since the watch was opened (then nothing is armed).
     */
    synchronized boolean arm(Runnable beforeWrite) {
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public void run() {
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    done = true;
                }
                beforeWrite.run();
            }
        };
        listener = once;
        watched.forEach(h -> h.beforeWrite(once));
        for (int i = 0; i < writesAtOpen.length; i++) {
            if (watched.get(i).writes() != writesAtOpen[i]) {
                disarm();
                return false;
            }
        }
        return true;
    }

    /** Stops watching (idempotent). */
    synchronized void disarm() {
        if (listener != null) {
            Runnable l = listener;
            watched.forEach(h -> h.removeBeforeWrite(l));
            listener = null;
        }
    }

    /** Elements watched. */
    int size() {
        return watched.size();
    }
}
