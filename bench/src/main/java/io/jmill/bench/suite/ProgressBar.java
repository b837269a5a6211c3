package io.jmill.bench.suite;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The suite's progress on standard error: cells done out of all, runs, the time left, and the
 * run under way. On a terminal it redraws one line; otherwise it prints a line per run.
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final boolean terminal;
    private final int totalCells;
    private final int totalRuns;
    /** Guess of one run's wall time, used until runs have been timed. */
    private final long guessNanos;
    private final long startNanos = System.nanoTime();
    private int cellsDone;
    private int runsDone;
    private int lastLength;

    ProgressBar(PrintStream err, boolean terminal, int totalCells, int totalRuns, long guessNanos) {
        this.err = err;
        this.terminal = terminal;
        this.totalCells = totalCells;
        this.totalRuns = totalRuns;
        this.guessNanos = guessNanos;
    }

    /** Shows that run {@code run} (1-based) of {@code runs} of {@code cell} starts. */
    void starting(String cell, int run, int runs) {
        String line = String.format(Locale.ROOT, "bench [%s] %d/%d cells  run %d/%d  ETA %s  %s (run %d/%d)",
                bar(), cellsDone, totalCells, runsDone + 1, totalRuns, eta(), cell, run, runs);
        if (terminal) {
            // one screen line, or \r cannot redraw it
            line = line.substring(0, Math.min(line.length(), columns() - 1));
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Counts a finished run; {@code cellDone} when it was the cell's last. */
    void finished(boolean cellDone) {
        runsDone++;
        if (cellDone) {
            cellsDone++;
        }
    }

    /** Ends the progress display with a summary line. */
    void done() {
        String line = String.format(Locale.ROOT, "bench [%s] %d/%d cells, %d runs in %s", bar(), cellsDone, totalCells,
                runsDone, time(System.nanoTime() - startNanos));
        err.println(terminal ? "\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) : line);
    }

    /** Prints a message between progress lines. */
    void message(String text) {
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        err.println(text);
    }

    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private String bar() {
        int filled = totalRuns == 0 ? WIDTH : runsDone * WIDTH / totalRuns;
        return "#".repeat(filled) + "-".repeat(WIDTH - filled);
    }

    private String eta() {
        long perRun = runsDone == 0 ? guessNanos : (System.nanoTime() - startNanos) / runsDone;
        return time(perRun * (totalRuns - runsDone));
    }

    static String time(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
