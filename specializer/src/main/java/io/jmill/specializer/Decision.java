package io.jmill.specializer;

/**
 * One decision of a {@link Plan}, with its reason. Nothing the specializer does or declines to do
 * goes unrecorded: every element is either specialized ({@link #FOLD_CONSTANTS}) or kept generic
 * ({@link #KEEP_GENERIC}) with the reason.
 *
 * @param kind    one of the constants below
 * @param subject what it is about: an element name, a connection ({@code "c [0] -> [0] d"}), a
 *                layout or backend name
 * @param detail  what exactly is done, e.g. the folded fields {@code "limit=1000, burst=32"}
 * @param reason  why
 */
public record Decision(String kind, String subject, String detail, String reason) {
    /** A connection whose call becomes a direct call on a constant receiver. */
    public static final String DEVIRTUALIZE_EDGE = "devirtualize-edge";
    /** An element that is specialized: its final fields become constants of its hidden class. */
    public static final String FOLD_CONSTANTS = "fold-constants";
    /** An element that stays on the generic path. */
    public static final String KEEP_GENERIC = "keep-generic";
    /** A task whose batch loop runs as specialized code (its pipeline slot is swapped). */
    public static final String BATCH_LOOP = "batch-loop";
    /** The metadata layout whose offsets the specialized accessors use as constants. */
    public static final String LAYOUT = "layout";
    /** The compiler backend. */
    public static final String BACKEND = "backend";
    /** The metadata fields an XCHANGE receive driver fills (PacketMill's X-Change). */
    public static final String XCHANGE_FIELDS = "xchange-fields";
    /** A method split to stay under the JIT's size limit (reserved: the C2 backend does not split yet). */
    public static final String SPLIT = "split";

    public Decision {
        if (kind == null || subject == null || detail == null || reason == null) {
            throw new IllegalArgumentException("decision fields must not be null");
        }
    }
}
