package io.jmill.specializer.layout;

import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.ObservingTask;
import io.jmill.engine.runtime.PipelineSlot;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.Plan;
import io.jmill.specializer.ProfileView;
import io.jmill.specializer.Specializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Switches the active metadata layout of a running router, live, losing and duplicating nothing:
 *
 * <ol>
 * <li>quiesce: every task's pipeline slot is swapped to a paused body (does nothing, returns 0)
 *     and the swap waits until each worker has finished a batch on it, so that no worker is inside
 *     element code any more (nothing to wait for if the router has not started, or has stopped);
 * <li>rewrite the metadata of every packet slot in use (queued, held by elements and drivers)
 *     from the active layout into the new one ({@link MetadataLayout#convert});
 * <li>{@link MetadataLayout#activate} the new layout;
 * <li>resume: each slot gets its previous body back, except specialized code, which bakes in the
 *     old layout's offsets: it is re-planned and re-applied under the new layout through the
 *     given {@link Specializer}, or the slot goes back to generic code if there is none.
 * </ol>
 *
 * <p>While paused, packets keep arriving in device rings (the hardware's or the simulated wire's
 * side) but nothing of JMill's runs on them; drivers read the layout's offsets again at each burst.
 * One swap at a time (the class is globally synchronized): the layout is process-wide.
 */
public final class LayoutSwap {
    /** Default time to wait for each worker to acknowledge the paused body. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Object LOCK = new Object();

    private LayoutSwap() {
    }

    /** What a swap did. */
    public record Result(MetadataLayout from, MetadataLayout to, int packetsConverted, int tasksPaused,
                         long quiescedNanos, Plan plan, String detail) {
        /** True if specialized code was re-planned and applied under the new layout ({@link #plan}). */
        public boolean respecialized() {
            return plan != null;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "layout %s -> %s: %d tasks paused for %.3f ms, %d live packets converted%s",
                    from.name(), to.name(), tasksPaused, quiescedNanos / 1e6, packetsConverted,
                    plan != null ? ", specialized code re-generated for the new layout" : "");
        }
    }

    /** The paused body: does nothing. One instance per slot, so identity tells it is ours. */
    private static final class Paused implements Task {
        @Override
        public int runTask() {
            return 0;
        }

        @Override
        public String toString() {
            return "paused for a layout swap";
        }
    }

    /** Swaps to {@code to} with no specializer: specialized bodies (if any) go back to generic. */
    public static Result swap(Router router, MetadataLayout to) {
        return swap(router, to, null, null);
    }

    /**
     * Swaps the active layout to {@code to}. If {@code specializer} runs specialized code, it is
     * re-planned from {@code profile} (null: every element) and applied under the new layout.
     *
     * @throws IllegalStateException if a worker does not pause in time (nothing was changed:
     *     the previous bodies are back) or the router is stopping but its workers do not end
     */
    public static Result swap(Router router, MetadataLayout to, Specializer specializer, ProfileView profile) {
        synchronized (LOCK) {
            if (specializer != null) {
                // no apply/revert of the specializer in between: it would un-pause slots
                synchronized (specializer) {
                    return doSwap(router, to, specializer, profile);
                }
            }
            return doSwap(router, to, null, profile);
        }
    }

    private static Result doSwap(Router router, MetadataLayout to, Specializer specializer, ProfileView profile) {
        MetadataLayout from = MetadataLayout.active();
        long t0 = System.nanoTime();
        Map<ScheduledTask, Task> previous = new LinkedHashMap<>();
        Map<ScheduledTask, Paused> paused = new LinkedHashMap<>();
        boolean live = router.started() && !router.stopped();
        if (live && router.stopping()) {
            // workers are on their way out: wait for them rather than racing their last batches
            awaitWorkersGone(router);
            live = false;
        }
        try {
            // (a) quiesce (not started or stopped: just park the bodies, no worker to wait for)
            quiesce(router, previous, paused, live);
            boolean wasSpecialized = previous.entrySet().stream()
                    .anyMatch(en -> ObservingTask.innermost(en.getValue()) != en.getKey().slot().generic());
            // (b) rewrite every live packet's metadata
            int converted = from == to ? 0
                    : PacketPool.forEachInUse(p -> MetadataLayout.convert(p.slotBase(), from, to));
            // (c) the new offsets for every accessor (the workers see them: their next read of
            // the slot's volatile body comes after this write)
            MetadataLayout.activate(to);
            long quiesced = System.nanoTime() - t0;
            // (d) resume. Specialized bodies carry the old offsets: none of them may run again.
            // The generic bodies go back (observing wrappers kept), then, if the router ran
            // specialized code and a specializer is given, a plan made under the new layout.
            restore(previous, paused, from == to);
            previous.clear();
            Plan plan = null;
            String detail;
            if (wasSpecialized && from != to && specializer != null && !router.stopping()) {
                plan = specializer.plan(profile);
                specializer.apply(plan);
                detail = "specialized code re-planned and applied under layout " + to.name();
            } else if (wasSpecialized && from != to) {
                detail = "specialized code (made for layout " + from.name() + ") withdrawn: generic code resumed";
            } else {
                detail = "previous task bodies resumed";
            }
            return new Result(from, to, converted, live ? paused.size() : 0, quiesced, plan, detail);
        } finally {
            // on a failure before (d): put back what ran before (generic only if the layout did change)
            if (!previous.isEmpty()) {
                restore(previous, paused, MetadataLayout.active() == from);
            }
        }
    }

    /** (a): pauses every task and waits until each worker has run a batch of the paused body. */
    private static void quiesce(Router router, Map<ScheduledTask, Task> previous, Map<ScheduledTask, Paused> paused,
                                boolean live) {
        for (int round = 0; ; round++) {
            Map<ScheduledTask, Long> epochs = new LinkedHashMap<>();
            for (ScheduledTask t : router.tasks()) {
                PipelineSlot slot = t.slot();
                Task current = slot.current();
                if (current == paused.get(t)) {
                    continue; // ours, and (after the first round) acknowledged
                }
                // First round, or the body changed while we waited (a batch that threw just before
                // the pause makes the router revert its slot to generic): remember the latest real body.
                if (!(ObservingTask.innermost(current) instanceof Paused)) {
                    previous.put(t, current);
                }
                Paused q = new Paused();
                paused.put(t, q);
                epochs.put(t, slot.swap(q));
            }
            if (epochs.isEmpty() || !live) {
                return; // every slot holds our paused body, and every worker has finished a batch of it
            }
            if (round > 100) {
                throw new IllegalStateException("task bodies kept changing during the layout swap; layout not changed");
            }
            List<String> late = new ArrayList<>();
            for (Map.Entry<ScheduledTask, Long> en : epochs.entrySet()) {
                ScheduledTask t = en.getKey();
                if (!t.slot().awaitAcknowledged(en.getValue(), DEFAULT_TIMEOUT.toNanos(),
                        () -> !t.done() && !router.stopping())) {
                    late.add(t.element().name());
                }
            }
            if (!late.isEmpty()) {
                throw new IllegalStateException("tasks " + late + " did not pause within " + DEFAULT_TIMEOUT
                        + "; layout not changed");
            }
            if (router.stopping()) {
                // acknowledgement waits end early when the router stops: wait for the workers themselves
                awaitWorkersGone(router);
                return;
            }
        }
    }

    private static void awaitWorkersGone(Router router) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (!router.stopped()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the router is stopping but its workers did not end within "
                        + DEFAULT_TIMEOUT + "; layout not changed");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Puts back each paused task's previous body. If {@code exact} is false (the layout changed),
     * a body that is not the generic code (possibly under observing wrappers, which are kept) is
     * specialized code for the old layout: the slot gets its generic body instead.
     */
    private static void restore(Map<ScheduledTask, Task> previous, Map<ScheduledTask, Paused> paused, boolean exact) {
        for (Map.Entry<ScheduledTask, Paused> en : paused.entrySet()) {
            ScheduledTask t = en.getKey();
            PipelineSlot slot = t.slot();
            Task before = previous.get(t);
            Task body = before == null ? slot.generic()
                    : exact || ObservingTask.innermost(before) == slot.generic() ? before : slot.generic();
            slot.compareAndSwap(en.getValue(), body);
        }
    }
}
