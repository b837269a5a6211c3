package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;

import java.util.List;
import java.util.Locale;

/**
 * Prints a progress bar on standard error.
 *
 * <pre>ProgressBar(POSHANDLER [, SIZEHANDLER, keywords FIXED_SIZE, BANNER, UPDATE, ACTIVE, DELAY])</pre>
 *
 * <p>Reads the position from POSHANDLER every UPDATE (default 0.25 s) and redraws a bar on
 * standard error, scp-style: {@code  74% |**************     | 23315KB    00:01 ETA}. The size
 * comes from SIZEHANDLER, read until it gives a number, or from FIXED_SIZE; without a size the
 * bar shows a moving marker and the amount done. Each of POSHANDLER and SIZEHANDLER may be a
 * space-separated list of handlers whose values are added; values that are not numbers (such as
 * FromDump's {@code filesize} of a pipe, {@code -}) count as unknown. The bar is drawn by a thread of
 * its own, not by the workers, and is finished with a newline when the router closes.
 *
 * <p>Ports: none.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code FIXED_SIZE}: real. The size, without SIZEHANDLER.</li>
 * <li>{@code BANNER}: string printed before the bar. Default empty.</li>
 * <li>{@code UPDATE}: time between redraws. Default 0.25 s.</li>
 * <li>{@code ACTIVE}: boolean. Draw nothing while false. Default true.</li>
 * <li>{@code DELAY}: time. Draw nothing before this much time has passed. Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active} (read/write): ACTIVE.</li>
 * <li>{@code mark_done}, {@code mark_stopped} (write): draw the final bar now, as complete or as
 *     stopped, and stop redrawing.</li>
 * <li>{@code line} (read): the bar as it would be drawn now.</li>
 * </ul>
 *
 * <p>Example (how far FromDump has read its file):
 * <pre>fd :: FromDump(big.pcap) -&gt; ...;  ProgressBar(fd.filepos, fd.filesize);</pre>
 *
 * <p>See also: FromDump, Script.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class ProgressBar extends Element {
    private static final int WIDTH = 30;

    private final List<String> positions;
    private final List<String> sizes;
    private final double fixedSize;
    private final String banner;
    private final long updateNanos;
    private final long delayNanos;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        /** 0 running, 1 done, 2 stopped. */
        volatile int finished;
        volatile Thread thread;
        double size = -1;
        long started;
        int tick;
    }

    public ProgressBar(ElementConfig c) {
        super(c);
        var args = c.args();
        positions = args.mandatoryPositional("POSHANDLER").words();
        var s = args.positional("SIZEHANDLER");
        sizes = s.present() ? s.words() : List.of();
        fixedSize = args.keyword("FIXED_SIZE").real(-1);
        banner = args.keyword("BANNER").string("");
        updateNanos = args.keyword("UPDATE").durationNanos(250_000_000L);
        delayNanos = args.keyword("DELAY").durationNanos(0);
        state.active = args.keyword("ACTIVE").bool(true);
        args.keyword("CHECK_STDOUT").bool(false);
    }

    @Override
    public void initialize() {
        State s = state;
        s.started = System.nanoTime();
        Thread t = Thread.ofPlatform().daemon().name("jmill-" + name()).unstarted(() -> {
            try {
                while (s.finished == 0) {
                    Thread.sleep(Math.max(1, updateNanos / 1_000_000L));
                    if (s.active && s.finished == 0 && System.nanoTime() - s.started >= delayNanos) {
                        draw("\r", "");
                    }
                }
            } catch (InterruptedException e) {
                // closing
            }
        });
        s.thread = t;
        t.start();
    }

    private synchronized void draw(String before, String after) {
        System.err.print(before + line() + after);
        System.err.flush();
    }

    /** Sum of the handlers' values, or -1 if one is not a number. */
    private double sum(List<String> handlers) {
        double total = 0;
        for (String h : handlers) {
            try {
                total += Double.parseDouble(host().readHandler(h).strip());
            } catch (HandlerException | NumberFormatException e) {
                return -1;
            }
        }
        return total;
    }

    /** The bar as drawn now. */
    String line() {
        State s = state;
        if (s.size < 0) {
            s.size = sizes.isEmpty() ? fixedSize : sum(sizes);
        }
        double pos = Math.max(0, sum(positions));
        double size = s.finished == 1 && s.size < 0 ? pos : s.size;
        StringBuilder sb = new StringBuilder(80).append(banner);
        double elapsed = (System.nanoTime() - s.started) / 1e9;
        if (size > 0) {
            double frac = Math.min(1, pos / size);
            int stars = (int) Math.round(frac * WIDTH);
            sb.append(String.format(Locale.ROOT, "%4d%% |", Math.round(frac * 100)))
                    .append("*".repeat(stars)).append(" ".repeat(WIDTH - stars)).append("| ");
            amount(sb, pos);
            if (s.finished != 0) {
                sb.append(s.finished == 1 ? "    " : " ").append(time(elapsed)).append(s.finished == 1 ? "    " : " STOPPED");
            } else {
                double rate = elapsed > 0 ? pos / elapsed : 0;
                sb.append("    ").append(rate > 0 && frac < 1 ? time((size - pos) / rate) : "--:--").append(" ETA");
            }
        } else {
            int at = s.tick++ % (WIDTH - 3);
            sb.append("     |").append(" ".repeat(at)).append("***").append(" ".repeat(WIDTH - 3 - at)).append("| ");
            amount(sb, pos);
            sb.append("    --:-- ETA");
        }
        return sb.toString();
    }

    private static void amount(StringBuilder sb, double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        double v = bytes;
        while (v >= 100_000 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        sb.append(String.format(Locale.ROOT, "%5d%s", Math.round(v), units[u]));
    }

    private static String time(double seconds) {
        long t = Math.round(seconds);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }

    private void finish(int how) {
        State s = state;
        if (s.finished == 0) {
            s.finished = how;
            Thread t = s.thread;
            if (t != null) {
                t.interrupt();
            }
            if (s.active) {
                draw("\r", "\n");
            }
        }
    }

    @Override
    public void cleanup() {
        finish(1);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.write("mark_done", v -> finish(1));
        h.write("mark_stopped", v -> finish(2));
        h.read("line", this::line);
    }
}
