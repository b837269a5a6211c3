package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration a Graal compilation of specialized copies may take as constants, beyond the
 * copies' own final fields (which HotSpot already trusts): configuration arrays and objects that
 * no code changes once the router is configured, or that only write handlers change.
 *
 * <p>From each copy's final fields it follows what the element built at configuration time:
 * <ul>
 * <li>an <b>array</b> is a constant (its contents, every dimension, fold at constant indexes)
 *     when every field holding it, anywhere in the router's elements, is one whose code changes
 *     it only while the router is configured or from write handlers ({@link FieldWriters}), it
 *     sits in no JDK collection, and it has at most {@value #MAX_FOLDED_LENGTH} elements; its
 *     elements are followed in turn;</li>
 * <li>an <b>object</b> of the element's own code (a route table, a rewrite pattern, its inputs):
 *     its class's final fields are trusted as HotSpot trusts a record's, and its fields are
 *     followed: final arrays and objects as above; a non-final field that only configuration
 *     code or write handlers assign (a route table swapped in whole by {@code add}) is taken as
 *     it is now; one the data path assigns (a pattern's next port) stays a load.</li>
 * </ul>
 * What write handlers change is constant only as long as no write handler runs:
 * {@link Found#handlerWritten()} says the compiled code must be withdrawn before one does.
 *
 * <p>Limits: static fields and the insides of JDK objects other than collections and arrays are
 * not searched for other holders of an array; objects that are other elements are not followed.
 */
final class ConfigArrays {
    /** Elements (summed over every dimension) an array may have to be folded. */
    static final int MAX_FOLDED_LENGTH = 4096;
    /** Objects the search for holders visits at most; beyond, nothing is folded. */
    private static final int MAX_OBJECTS = 1_000_000;

    /**
     * What a compilation may fold.
     *
     * @param constantArrays fields whose arrays fold, every dimension
     * @param trustedClasses classes whose final instance fields fold
     * @param snapshotFields non-final fields whose current value folds
     * @param handlerWritten whether some of it is changed by write handlers
     * @param tooLarge       arrays that qualified but were larger than {@value #MAX_FOLDED_LENGTH}
     */
    record Found(Set<Field> constantArrays, Set<Class<?>> trustedClasses, Set<Field> snapshotFields,
                 boolean handlerWritten, int tooLarge) {
        Found {
            constantArrays = Set.copyOf(constantArrays);
            trustedClasses = Set.copyOf(trustedClasses);
            snapshotFields = Set.copyOf(snapshotFields);
        }
    }

    /** A holder of an object: a field of some object, an element of an array, or a JDK collection (null). */
    private record Holder(Field field, Object array) {
    }

    private final Map<Object, List<Holder>> holders = new IdentityHashMap<>();
    private boolean truncated;
    private final Set<Object> followed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Field> arrays = new HashSet<>();
    private final Set<Field> refused = new HashSet<>();
    private final Set<Class<?>> trusted = new HashSet<>();
    private final Set<Field> snapshots = new HashSet<>();
    private boolean handlerWritten;
    private int tooLarge;
    private boolean reachable;

    private ConfigArrays() {
    }

    /**
     * What a compilation of {@code copies} (original to copy) may fold; {@code elements}: all of
     * the router's. {@code reachable} false: only the copies' own array fields, as far as they
     * never change (what the backend folded before it followed objects; for comparisons).
     */
    static Found of(Map<Element, Element> copies, Collection<Element> elements, boolean reachable) {
        ConfigArrays c = new ConfigArrays();
        c.reachable = reachable;
        for (Element e : elements) {
            c.findHolders(e);
        }
        if (c.truncated) {
            return new Found(Set.of(), Set.of(), Set.of(), false, 0);
        }
        copies.forEach(c::followCopy);
        c.arrays.removeAll(c.refused);
        return new Found(c.arrays, c.trusted, c.snapshots, c.handlerWritten, c.tooLarge);
    }

    // ------------------------------------------------------------------ who holds what

    private void findHolders(Element root) {
        Deque<Object> todo = new ArrayDeque<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        todo.add(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            if (seen.size() > MAX_OBJECTS) {
                truncated = true;
                return;
            }
            Object o = todo.poll();
            Class<?> type = o.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0, n = Array.getLength(o); i < n; i++) {
                        hold(Array.get(o, i), new Holder(null, o), todo, seen);
                    }
                }
            } else if ((o instanceof Collection<?> || o instanceof Map<?, ?>) && ClassCode.isJdk(type)) {
                try {
                    for (Object v : contents(o)) {
                        hold(v, new Holder(null, null), todo, seen);
                    }
                } catch (RuntimeException e) {
                    truncated = true; // changed while we looked: give up folding
                    return;
                }
            } else if (!ClassCode.isJdk(type) && (o == root || !(o instanceof Element))) {
                for (Class<?> c = type; c != null && c != Element.class && !ClassCode.isJdk(c); c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            hold(read(f, o), new Holder(f, null), todo, seen);
                        }
                    }
                }
            }
        }
    }

    private static List<Object> contents(Object collectionOrMap) {
        List<Object> out = new ArrayList<>();
        if (collectionOrMap instanceof Collection<?> c) {
            out.addAll(c);
        } else {
            ((Map<?, ?>) collectionOrMap).forEach((k, v) -> {
                out.add(k);
                out.add(v);
            });
        }
        return out;
    }

    private void hold(Object value, Holder h, Deque<Object> todo, Set<Object> seen) {
        if (value == null) {
            return;
        }
        holders.computeIfAbsent(value, k -> new ArrayList<>()).add(h);
        if (seen.add(value)) {
            todo.add(value);
        }
    }

    /** The fields through which code can reach {@code array}, or null if some holder is not a field. */
    private Set<Field> holderFields(Object array, Set<Object> visiting) {
        Set<Field> out = new HashSet<>();
        if (!visiting.add(array)) {
            return out;
        }
        for (Holder h : holders.getOrDefault(array, List.of())) {
            if (h.field() != null) {
                out.add(h.field());
            } else if (h.array() != null) {
                Set<Field> outer = holderFields(h.array(), visiting);
                if (outer == null) {
                    return null;
                }
                out.addAll(outer);
            } else {
                return null; // in a JDK collection: code we do not follow can reach it
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ what folds

    private void followCopy(Element original, Element copy) {
        for (Field cf : copy.getClass().getDeclaredFields()) {
            int mod = cf.getModifiers();
            if (Modifier.isStatic(mod) || !Modifier.isFinal(mod) || cf.getType().isPrimitive()) {
                continue;
            }
            Object value = read(cf, copy);
            Field source = value == null ? null : sourceField(original, cf.getName(), value);
            if (source != null) {
                follow(value, source, cf);
            }
        }
    }

    /** The field of the original's class chain, named as the copy's, that holds {@code value}, or null. */
    private static Field sourceField(Element original, String name, Object value) {
        for (Class<?> c = original.getClass(); c != null && c != Element.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.getName().equals(name) && read(f, original) == value) {
                    return f;
                }
            }
        }
        return null;
    }

    /**
     * Follows {@code value}, read from field {@code holder} (whose code decides what may change it);
     * {@code folded} is the field Graal reads it through (the copy's, or {@code holder} itself).
     */
    private void follow(Object value, Field holder, Field folded) {
        if (value instanceof Element || ClassCode.isJdk(value.getClass()) && !value.getClass().isArray()) {
            return;
        }
        if (!value.getClass().isArray()) {
            if (reachable) {
                followObject(value);
            }
            return;
        }
        if (!unchanging(value, holder) || !reachable && FieldWriters.of(holder) != FieldWriters.Verdict.NEVER) {
            refused.add(folded);
            return;
        }
        if (totalLength(value) > MAX_FOLDED_LENGTH) {
            tooLarge++;
            refused.add(folded);
            return;
        }
        arrays.add(folded);
        if (reachable) {
            followElements(value);
        }
    }

    private void followElements(Object array) {
        if (array.getClass().getComponentType().isPrimitive()) {
            return;
        }
        for (int i = 0, n = Array.getLength(array); i < n; i++) {
            Object v = Array.get(array, i);
            if (v != null && !v.getClass().isArray()) {
                follow(v, null, null);
            } else if (v != null) {
                followElements(v);
            }
        }
    }

    /** Whether every field that can reach {@code array} leaves its contents alone (or only handlers change them). */
    private boolean unchanging(Object array, Field holder) {
        Set<Field> fields = holderFields(array, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (fields == null) {
            return false;
        }
        fields.add(holder);
        for (Field f : fields) {
            FieldWriters.Verdict v = FieldWriters.of(f);
            if (v == FieldWriters.Verdict.CHANGING) {
                return false;
            }
            handlerWritten |= v == FieldWriters.Verdict.HANDLERS;
        }
        return true;
    }

    private void followObject(Object o) {
        if (!followed.add(o)) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && !ClassCode.isJdk(c); c = c.getSuperclass()) {
            trusted.add(c);
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod)) {
                    continue;
                }
                if (!Modifier.isFinal(mod)) {
                    FieldWriters.Verdict v = FieldWriters.of(f);
                    if (v == FieldWriters.Verdict.CHANGING) {
                        continue;
                    }
                    handlerWritten |= v == FieldWriters.Verdict.HANDLERS;
                    snapshots.add(f);
                }
                if (!f.getType().isPrimitive()) {
                    Object value = read(f, o);
                    if (value != null) {
                        follow(value, f, f);
                    }
                }
            }
        }
    }

    private static long totalLength(Object array) {
        int n = Array.getLength(array);
        long total = n;
        if (!array.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < n; i++) {
                Object v = Array.get(array, i);
                if (v != null && v.getClass().isArray()) {
                    total += totalLength(v);
                }
            }
        }
        return total;
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
