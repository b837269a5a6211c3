package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;
import io.jmill.specializer.backend.ArrayFlow.ArgFlow;
import io.jmill.specializer.backend.ArrayFlow.Call;
import io.jmill.specializer.backend.ArrayFlow.Facts;
import io.jmill.specializer.backend.ArrayFlow.FieldSrc;
import io.jmill.specializer.backend.ArrayFlow.MethodRef;
import io.jmill.specializer.backend.ArrayFlow.ParamSrc;
import io.jmill.specializer.backend.ArrayFlow.Special;
import io.jmill.specializer.backend.ArrayFlow.Src;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Which code changes a field after its object is built: assigns it (a non-final field), or
 * stores into the array it holds (any dimension). Field-sensitive: a store counts against the
 * field the array reference was loaded from ({@link ArrayFlow}), not against every array of the
 * same component type.
 *
 * <p>The code searched is every class that can name the field (its nest if private, its package
 * if package-private; a public or protected field may change anywhere). The field's array must
 * not escape from that code (returned, stored in an array, passed to a method that is unknown or
 * lets it escape in turn; {@code java.util.Arrays}' read-only methods and {@code System.arraycopy}'s
 * source only read, its {@code fill}, {@code sort} and {@code setAll} store); assigning it to another field counts as changing it (the other holder is
 * searched for when a compilation starts). Each method that changes the field is then followed
 * back to its callers:
 * <ul>
 * <li>{@link Verdict#NEVER}: only code that runs while the router is configured changes it
 *     (element constructors and {@code initialize}, and what only they call);</li>
 * <li>{@link Verdict#HANDLERS}: besides that, only write handlers (lambdas and method references
 *     given as a {@code WriteHandler}, or as a package-private functional interface only called
 *     from such), and what only they call;</li>
 * <li>{@link Verdict#CHANGING}: anything else may change it (the data path, timers, a public
 *     method, code that could not be followed).</li>
 * </ul>
 */
final class FieldWriters {
    /** How a field's value (and its array's contents) may change once the router is configured. */
    enum Verdict { NEVER, HANDLERS, CHANGING }

    private static final String WRITE_HANDLER = "io/jmill/engine/handler/WriteHandler";
    private static final Set<String> ARRAY_MUTATORS = Set.of("fill", "sort", "parallelSort", "setAll", "parallelSetAll",
            "parallelPrefix");
    private static final Map<Field, Verdict> VERDICTS = new ConcurrentHashMap<>();
    private static final Map<Field, String> REASONS = new ConcurrentHashMap<>();

    /** A method's effects once its calls are followed; parameters are numbered as in {@link ParamSrc}. */
    private record Effects(boolean unknown, Set<String> stored, Set<String> escaped, Set<String> copied,
                           Set<Integer> storedParams, Set<Integer> escapedParams, Set<Integer> copiedParams,
                           Set<TypeKind> anyStores, boolean anyEscape) {
        static final Effects UNKNOWN = new Effects(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of(), true);
    }

    private record MethodKey(Class<?> owner, String name, String descriptor) {
    }

    private enum Use { CONFIG, HANDLERS, OTHER }

    private final Map<MethodKey, Facts> facts = new HashMap<>();
    private final Map<MethodKey, Effects> effects = new HashMap<>();
    private final Map<MethodKey, Use> uses = new HashMap<>();
    private final Set<MethodKey> following = new HashSet<>();
    private boolean tentative;

    private FieldWriters() {
    }

    /** The verdict on {@code f} (cached: it depends on the code only). */
    static Verdict of(Field f) {
        return VERDICTS.computeIfAbsent(f, k -> {
            FieldWriters w = new FieldWriters();
            Verdict v = w.verdict(k);
            REASONS.put(k, w.reason);
            return v;
        });
    }

    /** Why {@link #of} decided as it did (for the plan and the tests). */
    static String why(Field f) {
        of(f);
        return REASONS.get(f);
    }

    private String reason = "";

    private Verdict changing(String why) {
        reason = why;
        return Verdict.CHANGING;
    }

    private Verdict verdict(Field f) {
        if (Modifier.isStatic(f.getModifiers())) {
            return changing("static");
        }
        List<Class<?>> reach = ClassCode.reach(f.getDeclaringClass(), f.getModifiers());
        if (reach == null) {
            return changing("public or protected: code anywhere may change it");
        }
        Set<TypeKind> kinds = componentKinds(f.getType());
        boolean assignable = !Modifier.isFinal(f.getModifiers());
        Use use = Use.CONFIG;
        for (Class<?> c : reach) {
            ClassModel model = ClassCode.model(c);
            if (model == null) {
                return changing("no bytecode for " + c.getName());
            }
            for (MethodModel m : model.methods()) {
                Effects e = effects(c, m);
                String where = c.getSimpleName() + "." + m.methodName().stringValue();
                if (e.unknown()) {
                    return changing(where + " could not be followed");
                }
                if (e.anyEscape() && !kinds.isEmpty()) {
                    return changing(where + " lets an array of unknown origin escape");
                }
                if (e.escaped().stream().anyMatch(k -> names(k, f, c))) {
                    return changing(where + " lets the array escape");
                }
                if (e.anyStores().stream().anyMatch(kinds::contains)) {
                    return changing(where + " stores into an array of unknown origin");
                }
                Facts direct = facts(c, m);
                // Assigning the array to another field makes another holder: fine while the router
                // is configured (the holder is searched at compile time) or from a handler (which
                // withdraws the code first), as for a store.
                boolean writes = e.stored().stream().anyMatch(k -> names(k, f, c))
                        || e.copied().stream().anyMatch(k -> names(k, f, c))
                        || assignable && direct.assignedFields().stream().anyMatch(k -> names(k, f, c));
                if (writes) {
                    Use u = use(c, m);
                    if (u == Use.OTHER) {
                        return changing(where + " changes it and runs after configuration, not only from write handlers");
                    }
                    if (u == Use.HANDLERS) {
                        use = Use.HANDLERS;
                    }
                }
            }
        }
        return use == Use.CONFIG ? Verdict.NEVER : Verdict.HANDLERS;
    }

    /** The component kinds of an array type, every dimension ({@code boolean} as {@code byte}); empty for others. */
    static Set<TypeKind> componentKinds(Class<?> type) {
        Set<TypeKind> kinds = EnumSet.noneOf(TypeKind.class);
        if (type == Object.class) {
            kinds.addAll(EnumSet.of(TypeKind.BYTE, TypeKind.CHAR, TypeKind.SHORT, TypeKind.INT, TypeKind.LONG,
                    TypeKind.FLOAT, TypeKind.DOUBLE, TypeKind.REFERENCE));
        }
        for (Class<?> t = type; t.isArray(); t = t.getComponentType()) {
            TypeKind k = TypeKind.from(t.getComponentType());
            kinds.add(k == TypeKind.BOOLEAN ? TypeKind.BYTE : k);
        }
        return kinds;
    }

    /** Whether the field reference {@code owner.name}, used in {@code context}, resolves to {@code f}. */
    private static boolean names(String key, Field f, Class<?> context) {
        int dot = key.lastIndexOf('.');
        if (!key.substring(dot + 1).equals(f.getName())) {
            return false;
        }
        Class<?> owner = ClassCode.load(key.substring(0, dot), context);
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Field d : c.getDeclaredFields()) {
                if (d.getName().equals(f.getName())) {
                    return d.equals(f);
                }
            }
        }
        return owner == null; // unresolvable: assume it is
    }

    // ------------------------------------------------------------------ effects

    private Facts facts(Class<?> c, MethodModel m) {
        return facts.computeIfAbsent(key(c, m), k -> ArrayFlow.of(ClassCode.model(c), m));
    }

    private static MethodKey key(Class<?> c, MethodModel m) {
        return new MethodKey(c, m.methodName().stringValue(), m.methodType().stringValue());
    }

    private Effects effects(Class<?> c, MethodModel m) {
        MethodKey key = key(c, m);
        Effects known = effects.get(key);
        if (known != null) {
            return known;
        }
        effects.put(key, Effects.UNKNOWN); // recursion: assume the worst
        Facts f = facts(c, m);
        if (!f.analyzable()) {
            return Effects.UNKNOWN;
        }
        Set<String> stored = new HashSet<>(f.storedFields());
        Set<String> escaped = new HashSet<>(f.escapedFields());
        Set<String> copied = new HashSet<>(f.copiedFields());
        Set<Integer> storedParams = new HashSet<>(f.storedParams());
        Set<Integer> escapedParams = new HashSet<>(f.escapedParams());
        Set<Integer> copiedParams = new HashSet<>(f.copiedParams());
        Set<TypeKind> anyStores = EnumSet.noneOf(TypeKind.class);
        anyStores.addAll(f.anyStores());
        boolean anyEscape = f.anyEscape();
        for (ArgFlow a : f.argFlows()) {
            CallEffect ce = callEffect(a, c);
            if (ce.stores()) {
                route(a.srcs(), stored, storedParams, anyStores, null);
            }
            if (ce.escapes() || ce.copies()) {
                boolean[] any = {false};
                route(a.srcs(), ce.escapes() ? escaped : copied, ce.escapes() ? escapedParams : copiedParams, null, any);
                anyEscape |= any[0];
            }
        }
        int params = m.methodTypeSymbol().parameterCount() + (m.flags().has(AccessFlag.STATIC) ? 0 : 1);
        if (anyEscape) {
            for (int p = 0; p < params; p++) {
                escapedParams.add(p); // a parameter may have become "anything" at a join
            }
        }
        if (!anyStores.isEmpty()) {
            for (int p = 0; p < params; p++) {
                storedParams.add(p);
            }
        }
        Effects e = new Effects(false, Set.copyOf(stored), Set.copyOf(escaped), Set.copyOf(copied),
                Set.copyOf(storedParams), Set.copyOf(escapedParams), Set.copyOf(copiedParams), Set.copyOf(anyStores),
                anyEscape);
        effects.put(key, e);
        return e;
    }

    private static void route(Set<Src> srcs, Set<String> fields, Set<Integer> params, Set<TypeKind> anyStores,
                              boolean[] anyEscape) {
        for (Src s : srcs) {
            switch (s) {
                case FieldSrc fs -> fields.add(fs.field());
                case ParamSrc ps -> params.add(ps.index());
                case Special sp when sp == Special.ANY -> {
                    if (anyStores != null) {
                        anyStores.addAll(componentKinds(Object.class));
                    }
                    if (anyEscape != null) {
                        anyEscape[0] = true;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** What a call does to one argument: stores into it, lets it escape, or assigns it to a field. */
    private record CallEffect(boolean stores, boolean escapes, boolean copies) {
        static final CallEffect NONE = new CallEffect(false, false, false);
        static final CallEffect UNKNOWN = new CallEffect(true, true, false);
    }

    /** What the call of {@code a} does to its argument {@code a.arg()}. */
    private CallEffect callEffect(ArgFlow a, Class<?> context) {
        Call call = a.call();
        if (call.owner().startsWith("[")) {
            return CallEffect.NONE; // clone, getClass, hashCode on an array
        }
        Class<?> owner = ClassCode.load(call.owner(), context);
        if (owner == null) {
            return CallEffect.UNKNOWN;
        }
        if (ClassCode.isJdk(owner)) {
            if (owner == java.util.Arrays.class) {
                return ARRAY_MUTATORS.contains(call.name()) ? new CallEffect(true, false, false) : CallEffect.NONE;
            }
            if (owner == System.class && call.name().equals("arraycopy")) {
                return a.arg() == 0 ? CallEffect.NONE : new CallEffect(true, false, false);
            }
            return CallEffect.UNKNOWN;
        }
        List<MethodKey> targets = targets(call, owner);
        if (targets == null) {
            return CallEffect.UNKNOWN;
        }
        boolean stores = false;
        boolean escapes = false;
        boolean copies = false;
        for (MethodKey t : targets) {
            MethodModel m = method(t);
            if (m == null) {
                return CallEffect.UNKNOWN;
            }
            Effects e = effects(t.owner(), m);
            if (e.unknown()) {
                return CallEffect.UNKNOWN;
            }
            stores |= e.storedParams().contains(a.arg());
            escapes |= e.escapedParams().contains(a.arg());
            copies |= e.copiedParams().contains(a.arg());
        }
        return new CallEffect(stores, escapes, copies);
    }

    /**
     * The methods a call may run, or null if some may be outside the code known (an overridable
     * method of a public class, an interface method of a public interface).
     */
    private static List<MethodKey> targets(Call call, Class<?> owner) {
        String desc = call.type().descriptorString();
        MethodKey declared = declaration(owner, call.name(), desc);
        if (call.opcode() == Opcode.INVOKESTATIC || call.opcode() == Opcode.INVOKESPECIAL) {
            return declared == null ? null : List.of(declared);
        }
        List<MethodKey> out = new ArrayList<>();
        if (declared != null) {
            MethodModel m = method(declared);
            if (m == null) {
                return null;
            }
            out.add(declared);
            if (m.flags().has(AccessFlag.PRIVATE) || m.flags().has(AccessFlag.FINAL)
                    || Modifier.isFinal(declared.owner().getModifiers())) {
                return out;
            }
        }
        if (Modifier.isPublic(owner.getModifiers()) || Modifier.isProtected(owner.getModifiers())) {
            return null; // subclasses anywhere
        }
        List<Class<?>> pkg = ClassCode.packageOf(owner);
        if (pkg == null) {
            return null;
        }
        for (Class<?> k : pkg) {
            if (k != owner && owner.isAssignableFrom(k)) {
                MethodKey over = new MethodKey(k, call.name(), desc);
                if (method(over) != null) {
                    out.add(over);
                }
            }
        }
        return out;
    }

    /** The method {@code name desc} as {@code owner} or its superclasses declare it, or null. */
    private static MethodKey declaration(Class<?> owner, String name, String desc) {
        for (Class<?> c = owner; c != null && !ClassCode.isJdk(c); c = c.getSuperclass()) {
            MethodKey k = new MethodKey(c, name, desc);
            if (method(k) != null) {
                return k;
            }
        }
        return null;
    }

    private static MethodModel method(MethodKey k) {
        ClassModel model = ClassCode.model(k.owner());
        if (model == null) {
            return null;
        }
        for (MethodModel m : model.methods()) {
            if (m.methodName().equalsString(k.name()) && m.methodType().equalsString(k.descriptor())) {
                return m;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ who runs a method

    /** Whether {@code m} runs only while the router is configured, or also from write handlers, or else. */
    private Use use(Class<?> c, MethodModel m) {
        MethodKey key = key(c, m);
        Use known = uses.get(key);
        if (known != null) {
            return known;
        }
        if (!following.add(key)) {
            tentative = true; // a cycle adds no caller of its own; what depends on it is not cached
            return Use.CONFIG;
        }
        boolean outer = tentative;
        tentative = false;
        Use u = computeUse(c, m, key);
        following.remove(key);
        if (!tentative || u == Use.OTHER) {
            uses.put(key, u);
        }
        tentative |= outer;
        return u;
    }

    private Use computeUse(Class<?> c, MethodModel m, MethodKey key) {
        boolean element = Element.class.isAssignableFrom(c);
        String name = key.name();
        if (name.equals("<clinit>") || element && (name.equals("<init>")
                || name.equals("initialize") && key.descriptor().equals("()V"))) {
            return Use.CONFIG;
        }
        int mods = 0;
        if (m.flags().has(AccessFlag.PUBLIC)) {
            mods |= Modifier.PUBLIC;
        }
        if (m.flags().has(AccessFlag.PROTECTED)) {
            mods |= Modifier.PROTECTED;
        }
        if (m.flags().has(AccessFlag.PRIVATE)) {
            mods |= Modifier.PRIVATE;
        }
        List<Class<?>> reach = ClassCode.reach(c, mods);
        if (reach == null) {
            return Use.OTHER;
        }
        return overCallers(reach, (k, caller) -> {
            Facts f = facts(k, caller);
            Use use = null;
            for (Call call : f.calls()) {
                if (call.name().equals(name) && call.type().descriptorString().equals(key.descriptor())
                        && mayRun(call, c, k)) {
                    use = join(use, use(k, caller));
                }
            }
            for (MethodRef r : f.refs()) {
                if (r.name().equals(name) && r.descriptor().equals(key.descriptor())
                        && related(ClassCode.load(r.owner(), k), c)) {
                    use = join(use, referenceUse(r, k));
                }
            }
            return use;
        });
    }

    /**
     * The join of what {@code callerUse} finds in each method of the classes {@code reach} (null
     * for a method that does not call the one asked about): {@link Use#OTHER} as soon as a class
     * cannot be read or the join reaches it, and when no caller is found (the method is used in a
     * way not followed).
     */
    private static Use overCallers(List<Class<?>> reach, BiFunction<Class<?>, MethodModel, Use> callerUse) {
        Use use = null;
        for (Class<?> k : reach) {
            ClassModel model = ClassCode.model(k);
            if (model == null) {
                return Use.OTHER;
            }
            for (MethodModel caller : model.methods()) {
                Use u = callerUse.apply(k, caller);
                if (u != null) {
                    use = join(use, u);
                    if (use == Use.OTHER) {
                        return use;
                    }
                }
            }
        }
        return use == null ? Use.OTHER : use;
    }

    /** How the lambda or method reference {@code r} (made in {@code context}) is called. */
    private Use referenceUse(MethodRef r, Class<?> context) {
        if (r.iface().equals(WRITE_HANDLER)) {
            return Use.HANDLERS;
        }
        Class<?> iface = ClassCode.load(r.iface(), context);
        if (iface == null || ClassCode.isJdk(iface) || Modifier.isPublic(iface.getModifiers())) {
            return Use.OTHER;
        }
        List<Class<?>> reach = ClassCode.packageOf(iface);
        if (reach == null) {
            return Use.OTHER;
        }
        return overCallers(reach, (k, caller) -> {
            Use use = null;
            for (Call call : facts(k, caller).calls()) {
                if (call.name().equals(r.sam()) && related(ClassCode.load(call.owner(), k), iface)) {
                    use = join(use, use(k, caller));
                }
            }
            return use;
        });
    }

    private static boolean mayRun(Call call, Class<?> target, Class<?> context) {
        Class<?> owner = ClassCode.load(call.owner(), context);
        if (call.opcode() == Opcode.INVOKESPECIAL && call.name().equals("<init>")) {
            return owner == target;
        }
        return related(owner, target);
    }

    private static boolean related(Class<?> a, Class<?> b) {
        return a == null || a.isAssignableFrom(b) || b.isAssignableFrom(a);
    }

    private static Use join(Use a, Use b) {
        if (a == null) {
            return b;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
