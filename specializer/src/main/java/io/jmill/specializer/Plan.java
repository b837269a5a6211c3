package io.jmill.specializer;

import io.jmill.engine.runtime.XchangeReceiver;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.jmill.engine.json.JsonStrings.quote;

/**
 * What the specializer will do to a router, decision by decision, each with its reason: made by
 * {@link Specializer#plan}, carried out by {@link Specializer#apply}. Plans are values: two plans
 * with the same decisions are equal, and applying an equal plan again reuses the code generated
 * for it.
 *
 * <p>{@link #toText()} is what {@code jmill explain --plan} prints. {@link #toJson()} writes:
 * <pre>{@code
 * {"backend": "C2", "layout": "generic",
 *  "decisions": [{"kind": "fold-constants", "subject": "c", "detail": "...", "reason": "..."}, ...]}
 * }</pre>
 * with the decisions in plan order (backend, layout, then one fold-constants or keep-generic per
 * element in configuration order, then the edges, then the task batch loops, then one
 * xchange-fields per receiving device) and strings escaped as JSON requires.
 *
 * @param decisions every decision, in the order above
 * @param backend   the compiler backend ({@code C2})
 * @param layout    the metadata layout the plan was made for; {@link Specializer#apply} refuses a
 *                  plan made for a layout that is no longer active
 * @param xchangeFields the metadata fields the router's XCHANGE drivers fill (a bit per
 *                  {@code MetadataField.id()}; {@code XchangeReceiver.ALL_FIELDS} for all), listed in the
 *                  xchange-fields decisions
 * @param cloneFields the metadata fields some element of the router reads, which is what a clone
 *                  must copy while the plan is applied ({@code CloneFields}); all of them when the
 *                  reads are not fully known. Unlike {@code xchangeFields}, known also without
 *                  XCHANGE devices.
 */
public record Plan(List<Decision> decisions, String backend, String layout, long xchangeFields, long cloneFields) {
    public Plan {
        decisions = List.copyOf(decisions);
    }

    /** A plan whose XCHANGE drivers fill, and whose clones copy, every metadata field. */
    public Plan(List<Decision> decisions, String backend, String layout) {
        this(decisions, backend, layout, XchangeReceiver.ALL_FIELDS, XchangeReceiver.ALL_FIELDS);
    }

    /** The elements this plan specializes (subjects of its fold-constants decisions). */
    Set<String> specializedElements() {
        Set<String> names = new LinkedHashSet<>();
        for (Decision d : decisions) {
            if (d.kind().equals(Decision.FOLD_CONSTANTS)) {
                names.add(d.subject());
            }
        }
        return names;
    }

    private long count(String kind) {
        return decisions.stream().filter(d -> d.kind().equals(kind)).count();
    }

    /** The plan as lines of text: a summary, then each decision and its reason. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("plan: backend ").append(backend).append(", layout ").append(layout).append("; ")
                .append(count(Decision.FOLD_CONSTANTS)).append(" elements specialized, ")
                .append(count(Decision.KEEP_GENERIC)).append(" generic, ")
                .append(count(Decision.DEVIRTUALIZE_EDGE)).append(" edges devirtualized, ")
                .append(count(Decision.BATCH_LOOP)).append(" task batch loops\n");
        for (Decision d : decisions) {
            sb.append(String.format("  %-18s %s: %s%n", d.kind(), d.subject(), d.detail()));
            sb.append(String.format("  %-18s   why: %s%n", "", d.reason()));
        }
        return sb.toString();
    }

    /** The plan as JSON (format in the class comment). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"backend\": ");
        quote(sb, backend).append(", \"layout\": ");
        quote(sb, layout).append(",\n \"decisions\": [");
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"kind\": ");
            quote(sb, d.kind()).append(", \"subject\": ");
            quote(sb, d.subject()).append(", \"detail\": ");
            quote(sb, d.detail()).append(", \"reason\": ");
            quote(sb, d.reason()).append('}');
        }
        return sb.append("]}\n").toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
