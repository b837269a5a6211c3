package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.runtime.Task;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Code generated for a {@link Plan}: the specialized copy of each element the plan specializes,
 * with the decisions as they turned out (an element whose copy could not be defined is listed as
 * kept generic, with the error).
 *
 * <p>The copies share their originals' state, so handlers read on the router's elements see what
 * the copies do. {@link Specializer#apply} swaps the copies' task bodies into the running router;
 * {@link Specializer#generate} only makes them, for code that drives a task body itself
 * (benchmarks, tests): call {@code taskBody("src").runTask()} on a thread of your own.
 */
public final class Specialization {
    private final Plan plan;
    private final List<Decision> decisions;
    private final Map<Element, Element> copies;
    private final Map<String, Element> copiesByName = new LinkedHashMap<>();
    private final Map<String, byte[]> classBytes;
    private final String layout;

    Specialization(Plan plan, List<Decision> decisions, Map<Element, Element> copies, Map<String, byte[]> classBytes,
                   String layout) {
        this.plan = plan;
        this.decisions = List.copyOf(decisions);
        this.copies = new IdentityHashMap<>(copies);

        copies.forEach((original, copy) -> copiesByName.put(original.name(), copy));
        this.classBytes = Map.copyOf(classBytes);
        this.layout = layout;
    }

    /** The plan this code was generated for. */
    public Plan plan() {
        return plan;
    }

    /** The plan's decisions, corrected for elements whose copy could not be defined. */
    public List<Decision> decisions() {
        return decisions;
    }

    /** Names of the elements that have a specialized copy, in generation order (callees first). */
    public List<String> specializedElements() {
        return new ArrayList<>(copiesByName.keySet());
    }

    /** The specialized copy of the element named {@code name}, or null if it stays generic. */
    public Element copy(String name) {
        return copiesByName.get(name);
    }

    /** The specialized task body of the element named {@code name}, or null if it has none. */
    public Task taskBody(String name) {
        return copiesByName.get(name) instanceof Task t ? t : null;
    }

    Task taskBody(Element original) {
        return copies.get(original) instanceof Task t ? t : null;
    }

    /** The class file generated for element {@code name} (for inspection), or null. */
    public byte[] classBytes(String name) {
        byte[] b = classBytes.get(name);
        return b == null ? null : b.clone();
    }

    /** The backend that compiles this code: the plan's, or C2 after {@link #fallBackToC2}. */
    public String backend() {
        for (Decision d : decisions) {
            if (d.kind().equals(Decision.BACKEND)) {
                return d.subject();
            }
        }
        return plan.backend();
    }

    /** The specialized copies, in generation order. */
    java.util.Collection<Element> copies() {
        return copiesByName.values();
    }

    /** Each specialized original, to its copy. */
    Map<Element, Element> copiesByOriginal() {
        return java.util.Collections.unmodifiableMap(copies);
    }

    /** The same code, its backend decision saying that C2 compiles it because Graal could not. */
    Specialization fallBackToC2(String reason) {
        List<Decision> changed = new ArrayList<>();
        for (Decision d : decisions) {
            changed.add(!d.kind().equals(Decision.BACKEND) ? d : new Decision(Decision.BACKEND, Planner.BACKEND_C2,
                    "one hidden class per element, compiled by HotSpot C2", "fallback from Graal: " + reason));
        }
        return new Specialization(plan, changed, copies, classBytes, layout);
    }

    /** Name of the layout whose offsets the code uses. */
    public String layout() {
        return layout;
    }

    @Override
    public String toString() {
        return "specialization of " + copiesByName.keySet() + " for layout " + layout;
    }
}
