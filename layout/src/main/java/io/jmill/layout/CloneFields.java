package io.jmill.layout;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which metadata fields {@link Packet#clone()} copies. By default every field of the active
 * layout. A router whose elements are known to read only some fields (the specializer finds them
 * in the elements' bytecode, as it does for X-Change) narrows the set to those: a clone then
 * copies only the 8-byte metadata words from the first to the last that holds one of them, and
 * leaves the other fields of the copy as its slot had them — no element of that router reads them. With several routers in one JVM the
 * set is the union of what each asked for; a router that closes or goes back to generic code
 * widens it again.
 *
 * <pre>{@code
 * CloneFields.narrow(router, fieldMask);   // bit f.id() for each field some element reads
 * ...
 * CloneFields.widen(router);               // every field again
 * }</pre>
 */
public final class CloneFields {
    /** Every field. */
    public static final long ALL = -1L;

    private static final Map<Object, Long> NARROWED = new IdentityHashMap<>();

    private CloneFields() {
    }

    /** Clones copy only {@code fields} (bit {@code f.id()} per field) while {@code owner} asks for it. */
    public static synchronized void narrow(Object owner, long fields) {
        NARROWED.put(owner, fields);
        update();
    }

    /** {@code owner} no longer narrows the set. */
    public static synchronized void widen(Object owner) {
        if (NARROWED.remove(owner) != null) {
            update();
        }
    }

    /** The fields clones copy now: the union of every owner's set, or {@link #ALL} when none narrowed it. */
    public static synchronized long fields() {
        if (NARROWED.isEmpty()) {
            return ALL;
        }
        long union = 0;
        for (long f : NARROWED.values()) {
            union |= f;
        }
        return union;
    }

    /** Recomputes the words clones copy (the set or the active layout changed). */
    static synchronized void update() {
        Packet.cloneSpan = Packet.spanOf(MetadataLayout.active().words(fields()));
    }
}
