package io.jmill.specializer.control;

import java.util.List;

/**
 * The specializer of one router over JMX ({@code io.jmill:type=Specializer,router=NAME}): its
 * state, the plan with every decision and its reason, the profile it came from, the swap
 * history and what the JIT did with the generated code; operations to re-specialize, revert and
 * A/B-test layouts.
 */
public interface SpecializerMXBean {
    /** GENERIC, PROFILING, SPECIALIZED or STOPPED. */
    String getState();

    /** The plan in force, as {@code jmill explain --plan} prints it (empty before planning). */
    String getPlan();

    /**
     * The backend of the code in force: Graal with what it compiled and installed, C2, or C2
     * after a fallback from Graal with the reason.
     */
    String getBackend();

    /** The plan as JSON. */
    String getPlanJson();

    /** One line per decision: kind, subject, detail, reason. */
    List<String> getDecisions();

    /** Hottest edges and metadata fields of the latest profile. */
    String getProfileSummary();

    /** Swaps and reverts, oldest first. */
    List<String> getSwapHistory();

    /** What the controller did, oldest first. */
    List<String> getEvents();

    /** Compilations and deoptimizations of generated code. */
    List<String> getJitEvents();

    /** Measured generic and specialized Mpps around the first swap, and their ratio. */
    String getSpeedUp();

    /** The active metadata layout, as a table: offset, size and name of each field. */
    String getLayout();

    /** The decisions of the hot-first layout the controller planned (empty without {@code --layout hot}). */
    String getLayoutPlan();

    /** The latest A/B test of layouts: verdict, then one line per epoch (empty if none ran). */
    String getLayoutAbTest();

    /**
     * A/B-tests the active layout against a hot-first layout planned from the latest profile, in
     * {@code pairs} pairs of epochs of {@code epochMillis} on the live traffic, keeps the winner and
     * returns the result (as {@link #getLayoutAbTest()}). Blocks for about
     * {@code 2 * (pairs + 1) * epochMillis} ms.
     */
    String abTestLayout(int pairs, long epochMillis);

    /** Re-plans from the latest profile and swaps the code in. */
    void respecialize();

    /** Goes back to the generic path. */
    void revert();
}
