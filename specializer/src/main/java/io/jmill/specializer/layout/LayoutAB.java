package io.jmill.specializer.layout;

import io.jmill.engine.router.Router;
import io.jmill.layout.MetadataLayout;
import io.jmill.specializer.ProfileView;
import io.jmill.specializer.Specializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A/B test of two metadata layouts on a running router, on its live traffic: the layouts take
 * turns in short epochs, each swapped in by {@link LayoutSwap} (specialized code re-applied under
 * its offsets), and each epoch's throughput is measured once it has settled. Pairs alternate their
 * order (A B, B A, A B, ...), so that a slow drift of the traffic or the machine favours neither.
 *
 * <p>The evidence is a paired ratio: per pair, B's Mpps over A's; their geometric mean, with a 95%
 * confidence interval from Student's t over the log ratios. B wins only if the whole interval is
 * above 1 (B is faster beyond the noise of this run); otherwise A, the incumbent, stays. The router
 * ends on the winner.
 *
 * <pre>{@code
 * LayoutAB.Result r = LayoutAB.run(router, specializer, MetadataLayout.generic(), hot.layout(),
 *         8, Duration.ofMillis(200), Duration.ofMillis(500), profileView);
 * System.out.print(r.toText());
 * }</pre>
 */
public final class LayoutAB {
    private LayoutAB() {
    }

    /** One epoch: which layout ran, and its throughput in Mpps (packets the sources emitted). */
    public record Epoch(int pair, String layout, double mpps) {
    }

    /**
     * The outcome.
     *
     * @param ratio  geometric mean over the pairs of B's Mpps / A's Mpps
     * @param low    lower end of its 95% confidence interval
     * @param high   upper end
     * @param winner the layout the router runs with now
     */
    public record Result(MetadataLayout a, MetadataLayout b, List<Epoch> epochs, double ratio, double low,
                         double high, MetadataLayout winner) {
        public Result {
            epochs = List.copyOf(epochs);
        }

        /** One line: the ratio, its interval and the verdict. */
        public String summary() {
            String verdict = winner == b ? b.name() + " is faster: kept"
                    : high < 1 ? a.name() + " is faster: kept"
                    : "no difference beyond the noise: " + a.name() + " kept";
            return String.format(Locale.ROOT, "A/B %s vs %s over %d pairs: %s/%s = x%.3f (95%% CI x%.3f-x%.3f); %s",
                    a.name(), b.name(), epochs.size() / 2, b.name(), a.name(), ratio, low, high, verdict);
        }

        /** The summary, then one line per epoch. */
        public String toText() {
            StringBuilder sb = new StringBuilder(summary()).append('\n');
            for (Epoch e : epochs) {
                sb.append(String.format(Locale.ROOT, "  pair %2d  %-14s %8.3f Mpps%n", e.pair(), e.layout(), e.mpps()));
            }
            return sb.toString();
        }
    }

    /**
     * Runs {@code pairs} pairs of epochs of layouts {@code a} and {@code b} (plus one warm-up pair
     * whose numbers are dropped: the first swap to a layout generates and compiles its code), each
     * epoch {@code settle} after the swap and then {@code measure} of counting. If the test fails
     * half-way, the router is put back on layout {@code a} (while it still runs).
     *
     * @param specializer re-applies specialized code under each layout; null for a generic router
     * @param profile     what the specializer plans from (null: every element)
     * @throws IllegalStateException    if the router stops during the test, or an epoch sees no packets
     * @throws IllegalArgumentException if {@code pairs} is below 2
     */
    public static Result run(Router router, Specializer specializer, MetadataLayout a, MetadataLayout b, int pairs,
                             Duration settle, Duration measure, ProfileView profile) throws InterruptedException {
        if (pairs < 2) {
            throw new IllegalArgumentException("an A/B test needs at least 2 pairs, not " + pairs);
        }
        List<Epoch> epochs = new ArrayList<>();
        double[] logRatios = new double[pairs];
        try {
            for (MetadataLayout l : List.of(b, a)) { // warm-up: both layouts' code generated and compiled
                swap(router, specializer, l, profile);
                sleep(router, settle.plus(measure));
            }
            for (int i = 0; i < pairs; i++) {
                boolean aFirst = i % 2 == 0;
                double ma = 0;
                double mb = 0;
                for (int k = 0; k < 2; k++) {
                    MetadataLayout l = (k == 0) == aFirst ? a : b;
                    swap(router, specializer, l, profile);
                    sleep(router, settle);
                    double mpps = mpps(router, measure);
                    if (!(mpps > 0)) {
                        throw new IllegalStateException("no packets during an epoch of " + l.name()
                                + ": nothing to compare (is traffic flowing?)");
                    }
                    epochs.add(new Epoch(i + 1, l.name(), mpps));
                    if (l == a) {
                        ma = mpps;
                    } else {
                        mb = mpps;
                    }
                }
                logRatios[i] = Math.log(mb / ma);
            }
        } catch (RuntimeException | InterruptedException e) {
            if (!router.stopping()) {
                try {
                    swap(router, specializer, a, profile); // the incumbent again
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        double[] ci = confidence(logRatios);
        MetadataLayout winner = Math.exp(ci[1]) > 1 ? b : a;
        swap(router, specializer, winner, profile);
        return new Result(a, b, epochs, Math.exp(ci[0]), Math.exp(ci[1]), Math.exp(ci[2]), winner);
    }

    /** Mean of {@code x} and the ends of its 95% confidence interval (Student's t, n - 1 degrees of freedom). */
    static double[] confidence(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1) / n);
        return new double[] {mean, mean - half, mean + half};
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom. */
    static double t975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
            2.048, 2.045, 2.042};
        return df <= table.length ? table[df - 1] : df <= 60 ? 2.000 : 1.960;
    }

    private static void swap(Router router, Specializer specializer, MetadataLayout l, ProfileView profile) {
        if (MetadataLayout.active() != l) {
            LayoutSwap.swap(router, l, specializer, profile);
        }
    }

    private static double mpps(Router router, Duration d) throws InterruptedException {
        long p0 = router.sourcePackets();
        long t0 = System.nanoTime();
        sleep(router, d);
        return (router.sourcePackets() - p0) * 1e3 / (System.nanoTime() - t0);
    }

    private static void sleep(Router router, Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < deadline) {
            if (router.stopping()) {
                throw new IllegalStateException("the router stopped during the A/B test: " + router.stopReason());
            }
            Thread.sleep(Math.max(1, Math.min(20, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }
}
