package io.jmill.elements.control;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Unix signals that {@code Script(TYPE SIGNAL ...)} elements wait for, for the whole process
 * (signals are per process): Click's signal dispatch, on the JVM's signal support.
 *
 * <p>A script is <em>installed</em> for its signals when its router starts. When a signal arrives
 * (from outside, or from Script's {@code kill} handler aimed at this process) it is only marked
 * pending; the signal scripts' tasks see the mark and {@link #dispatch()} runs, on a worker,
 * every script installed for each pending signal, once however many times the signal arrived
 * since. A script is taken off while it runs and put back if it ended with {@code end} (not with
 * {@code exit}, an error, or a wait). Once a signal has no script left, its default action is
 * restored, and if the signal arrived again meanwhile the process gets it again (for SIGINT or
 * SIGUSR1, the default action ends the process), as in Click.
 */
final class ScriptSignals {
    private static final Map<String, Entry> SIGNALS = new HashMap<>();
    private static final Object DISPATCH = new Object();
    /** Set when any signal is pending: one volatile read per signal script's task run. */
    private static volatile boolean pending;

    private static final class Entry {
        final Signal signal;
        final Set<Script> installed = new LinkedHashSet<>();
        boolean pending;
        boolean dispatching;
        /** The JVM's handler before ours, restored when no script waits for the signal. */
        SignalHandler previous;

        Entry(Signal signal) {
            this.signal = signal;
        }
    }

    private ScriptSignals() {
    }

    /**
     * The signal's name as the JVM knows it ({@code INT}, {@code USR1}) from a Click SIGNO: a name
     * with or without {@code SIG}, or a number; null if unknown.
     */
    static String signalName(String signo) {
        String s = signo.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return switch (Integer.parseInt(s)) {
                case 1 -> "HUP";
                case 2 -> "INT";
                case 10 -> "USR1";
                case 12 -> "USR2";
                case 13 -> "PIPE";
                case 14 -> "ALRM";
                case 15 -> "TERM";
                case 17 -> "CHLD";
                case 28 -> "WINCH";
                default -> null;
            };
        }
        try {
            new Signal(s);
            return s;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Installs {@code script} for signal {@code name}; throws if the JVM keeps that signal for itself. */
    static synchronized void install(String name, Script script) {
        if (name.equals("USR2")) {
            // HotSpot suspends and resumes threads with SIGUSR2 on Linux; Signal.handle accepts it,
            // but the JVM's own use of it would then reach the script (and break).
            throw new IllegalArgumentException("Signal already used by VM: SIGUSR2");
        }
        Entry e = SIGNALS.computeIfAbsent(name, n -> new Entry(new Signal(n)));
        if (e.installed.isEmpty() && !e.dispatching) {
            e.previous = Signal.handle(e.signal, s -> deliver(s.getName()));
        }
        e.installed.add(script);
    }

    /** Takes {@code script} off every signal (its router stopped). */
    static synchronized void uninstall(Script script) {
        for (Entry e : SIGNALS.values()) {
            if (e.installed.remove(script)) {
                restoreIfUnused(e);
            }
        }
    }

    /**
     * Sends signal {@code name} to this process. With a script waiting for it (or running for
     * it), the signal is marked pending at once, so that the script sees it at its next task run,
     * as Click's kill() to itself is; otherwise the process gets it from the system.
     */
    static void raise(String name) {
        List<Script> wake;
        synchronized (ScriptSignals.class) {
            Entry e = SIGNALS.get(name);
            if (e == null || (e.installed.isEmpty() && !e.dispatching)) {
                wake = null;
            } else {
                e.pending = true;
                pending = true;
                wake = new ArrayList<>(e.installed);
            }
        }
        if (wake == null) {
            send(name, ProcessHandle.current().pid());
            return;
        }
        for (Script s : wake) {
            s.wake();
        }
    }

    /**
     * Sends signal {@code name} to process {@code pid} through the system's {@code kill} (the JVM
     * raises a signal only while a handler of its own is installed for it).
     *
     * @return an empty string, or why it failed
     */
    static String send(String name, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? "" : out.isEmpty() ? "kill failed" : out;
        } catch (java.io.IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A process ID written in decimal, or -1. */
    static long pid(String text) {
        try {
            long pid = Long.parseLong(text.strip());
            return pid > 0 ? pid : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What the JVM's signal handler does: mark the signal pending. */
    private static void deliver(String name) {
        raise(name);
    }

    /** True if a signal waits for {@link #dispatch()}. */
    static boolean anyPending() {
        return pending;
    }

    /** Runs the scripts of every pending signal; see the class documentation. */
    static void dispatch() {
        synchronized (DISPATCH) {
            List<Entry> entries = new ArrayList<>();
            List<List<Script>> scripts = new ArrayList<>();
            synchronized (ScriptSignals.class) {
                pending = false;
                for (Entry e : SIGNALS.values()) {
                    if (e.pending && !e.installed.isEmpty()) {
                        e.pending = false;
                        e.dispatching = true;
                        entries.add(e);
                        scripts.add(new ArrayList<>(e.installed));
                        e.installed.clear();
                    }
                }
            }
            List<List<Script>> again = new ArrayList<>();
            for (List<Script> list : scripts) {
                List<Script> keep = new ArrayList<>();
                for (Script s : list) {
                    if (s.runForSignal()) {
                        keep.add(s);
                    }
                }
                again.add(keep);
            }
            List<String> redeliver = new ArrayList<>();
            synchronized (ScriptSignals.class) {
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    e.dispatching = false;
                    e.installed.addAll(again.get(i));
                    if (e.installed.isEmpty()) {
                        restoreIfUnused(e);
                        if (e.pending) {
                            e.pending = false;
                            redeliver.add(e.signal.getName());
                        }
                    } else if (e.pending) {
                        pending = true; // arrived during the run: the scripts run again
                        again.get(i).forEach(Script::wake);
                    }
                }
            }
            for (String name : redeliver) {
                send(name, ProcessHandle.current().pid());
            }
        }
    }

    private static void restoreIfUnused(Entry e) {
        if (e.installed.isEmpty() && !e.dispatching && e.previous != null) {
            Signal.handle(e.signal, e.previous);
            e.previous = null;
        }
    }
}
