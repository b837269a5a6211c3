package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.MetadataField;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static metadata-access sites of one element: how many call sites of {@code Packet} accessors,
 * per metadata field and read/write, lie on the element's packet path. Found by reading the
 * element class's bytecode with the {@code java.lang.classfile} API.
 *
 * <p>The packet path starts at the entry points the element's resolved processing uses
 * ({@code push} if an input is push, {@code pull} if an output is pull, {@code runTask} for
 * tasks) and follows calls into methods of the element's class and its superclasses (such as
 * {@code SimpleElement.push} to {@code simpleAction}, and private helpers and lambda bodies),
 * and into static or instance helpers in other {@code io.jmill} classes that take a
 * {@code Packet} (checksum and header utilities). Calls to {@code push}/{@code pull} lead to
 * other elements and are not followed. Each site counts once, whether it sits in a loop, in a
 * branch that never runs, or on the straight path: multiplied by the packets that enter the
 * element it is an estimate ("static sites × measured packets"), not a measurement.
 *
 * <pre>{@code
 * FieldAccessSites s = FieldAccessSites.of(router.element("paint"));
 * s.writeSites("paint");   // 1
 * }</pre>
 */
public final class FieldAccessSites {
    /** Pseudo-field of {@code anno}/{@code setAnno}: some named annotation, known only at run time. */
    public static final String NAMED_ANNOTATIONS = PacketAccessors.NAMED;
    /** Pseudo-field of block copies of the whole metadata area ({@code clone}, {@code copyAnnotationsFrom}, allocation). */
    public static final String ALL_METADATA = PacketAccessors.ALL;
    private static final String ELEMENT = "io/jmill/engine/element/Element";
    private static final String PACKET_DESC = "L" + PacketAccessors.PACKET + ";";
    private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
    /** Guards against pathological helper graphs; far above what an element reaches. */
    private static final int MAX_METHODS = 400;

    private final String className;
    private final Map<String, int[]> sites;
    private final List<String> problems;
    private final SiteGraph graph;

    private FieldAccessSites(String className, Map<String, int[]> sites, List<String> problems, SiteGraph graph) {
        this.className = className;
        this.sites = java.util.Collections.unmodifiableMap(sites); // shared: analyses are cached
        this.problems = List.copyOf(problems);
        this.graph = graph;
    }

    /**
     * Where the sites are: each site and each followed call at its bytecode index in its method,
     * and the methods the analysis entered at. What {@link MeasuredFieldAccesses} weighs with
     * HotSpot's branch profile.
     */
    record SiteGraph(List<String> entries, Map<String, Method> methods, List<Site> sites, List<Call> calls) {
        /** A method the analysis scanned: its class (binary name) and bytecode. */
        record Method(String owner, MethodModel model) {
        }

        /** A {@code Packet} accessor call at {@code bci} of {@code method}. */
        record Site(String method, int bci, String field, boolean write) {
        }

        /** A call from {@code caller} at {@code bci} into {@code callee}, both scanned. */
        record Call(String caller, int bci, String callee) {
        }
    }

    /** The site graph of the per-packet path (the entry points of {@link #of(Class, Set)}). */
    SiteGraph graph() {
        return graph;
    }

    /** The sites on {@code element}'s packet path, for the entry points its processing uses. */
    public static FieldAccessSites of(Element element) {
        Set<String> entries = new LinkedHashSet<>();
        for (int i = 0; i < element.ninputs(); i++) {
            if (element.inputIsPush(i)) {
                entries.add("push");
            }
        }
        for (int i = 0; i < element.noutputs(); i++) {
            if (!element.outputIsPush(i)) {
                entries.add("pull");
            }
        }
        if (element instanceof Task) {
            entries.add("runTask");
        }
        FieldAccessSites sites = of(element.getClass(), entries);
        if (entries.contains("push")) {
            // A pushed packet goes through push or through pushBatch. The counts are those of the
            // per-packet path (the batch form usually runs the same code, once per packet); a
            // field only the batch form touches is counted with the batch form's sites.
            sites = sites.plusMissing(of(element.getClass(), Set.of("pushBatch")));
        }
        return sites;
    }

    /** These sites, and those of {@code other}'s fields that these do not have. */
    private FieldAccessSites plusMissing(FieldAccessSites other) {
        Map<String, int[]> merged = new TreeMap<>(Comparator.comparingInt(FieldAccessSites::rank)
                .thenComparing(Comparator.naturalOrder()));
        merged.putAll(sites);
        other.sites.forEach(merged::putIfAbsent);
        if (merged.size() == sites.size() && other.problems.isEmpty()) {
            return this;
        }
        List<String> allProblems = new ArrayList<>(problems);
        other.problems.stream().filter(pr -> !allProblems.contains(pr)).forEach(allProblems::add);
        return new FieldAccessSites(className, merged, allProblems, graph);
    }

    /**
     * The sites reachable from the named entry points ({@code push}, {@code pushBatch}, {@code pull},
     * {@code runTask}, {@code simpleAction}) of element class {@code type}. A class's bytecode
     * does not change, so each analysis is kept (per class and entry points) and done once.
     */
    public static FieldAccessSites of(Class<? extends Element> type, Set<String> entryPoints) {
        Set<String> key = Set.copyOf(entryPoints);
        return CACHE.get(type).computeIfAbsent(key, k -> new Analysis(type).run(k));
    }

    private static final ClassValue<Map<Set<String>, FieldAccessSites>> CACHE = new ClassValue<>() {
        @Override
        protected Map<Set<String>, FieldAccessSites> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };

    /** The element class analysed (its binary name). */
    public String className() {
        return className;
    }

    /**
     * Fields with at least one site: built-in fields in id order, then named annotations
     * ({@value PacketAccessors#NAMED}) and whole-area copies ({@value PacketAccessors#ALL}).
     */
    public Set<String> fields() {
        return sites.keySet();
    }

    /** Read sites of {@code field} (a {@link MetadataField#name()} or a pseudo-field). */
    public int readSites(String field) {
        int[] rw = sites.get(field);
        return rw == null ? 0 : rw[0];
    }

    /** Write sites of {@code field}. */
    public int writeSites(String field) {
        int[] rw = sites.get(field);
        return rw == null ? 0 : rw[1];
    }

    /** What the analysis could not follow (bytecode unavailable, unknown accessors); empty if complete. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(className).append(" {");
        sites.forEach((f, rw) -> sb.append(' ').append(f)
                .append(" r").append(rw[0]).append(" w").append(rw[1]).append(';'));
        return sb.append(" }").toString();
    }

    /** Orders fields as documented on {@link #fields()}. */
    private static int rank(String field) {
        MetadataField f = MetadataField.byName(field);
        if (f != null) {
            return f.id();
        }
        return MetadataField.MAX_FIELDS + (field.equals(PacketAccessors.NAMED) ? 0 : 1);
    }

    /** One run over one element class. */
    private static final class Analysis {
        private final Class<? extends Element> type;
        private final ClassLoader loader;
        /** The element's class and its superclasses up to Element, most specific first. */
        private final List<ClassModel> hierarchy = new ArrayList<>();
        private final Set<String> hierarchyNames = new HashSet<>();
        private final Map<String, ClassModel> models = new HashMap<>();
        private final Map<String, int[]> counts = new TreeMap<>(Comparator.comparingInt(FieldAccessSites::rank)
                .thenComparing(Comparator.naturalOrder()));
        private final List<String> problems = new ArrayList<>();
        private final Set<String> visited = new HashSet<>();
        private final Deque<Target> work = new ArrayDeque<>();
        private final List<String> entryKeys = new ArrayList<>();
        private final Map<String, SiteGraph.Method> methods = new HashMap<>();
        private final List<SiteGraph.Site> siteList = new ArrayList<>();
        private final List<SiteGraph.Call> calls = new ArrayList<>();
        /** The method being scanned and the bytecode index of the instruction being looked at. */
        private String current;
        private int bci;

        private record Target(ClassModel owner, MethodModel method) {
            String key() {
                return owner.thisClass().asInternalName() + "." + method.methodName().stringValue()
                        + method.methodType().stringValue();
            }
        }

        Analysis(Class<? extends Element> type) {
            this.type = type;
            this.loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        }

        FieldAccessSites run(Set<String> entryPoints) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                String name = internalName(c);
                ClassModel m = model(name);
                if (m == null) {
                    problems.add("bytecode of " + c.getName() + " not available; its sites are not counted");
                } else {
                    hierarchy.add(m);
                }
                hierarchyNames.add(name);
                if (name.equals(ELEMENT)) {
                    break;
                }
            }
            for (String entry : entryPoints) {
                boolean found = false;
                for (ClassModel c : hierarchy) {
                    for (MethodModel m : c.methods()) {
                        if (m.methodName().equalsString(entry) && !m.flags().has(AccessFlag.ABSTRACT)
                                && !m.flags().has(AccessFlag.BRIDGE)) {
                            found = true;
                            Target t = resolveVirtual(entry, m.methodType().stringValue());
                            if (t != null) {
                                entryKeys.add(t.key());
                            }
                            enqueue(t);
                        }
                    }
                    if (found) {
                        break;
                    }
                }
            }
            while (!work.isEmpty()) {
                if (visited.size() > MAX_METHODS) {
                    problems.add("stopped after " + MAX_METHODS + " methods");
                    break;
                }
                Target t = work.pop();
                scan(t.owner(), t.method());
            }
            return new FieldAccessSites(type.getName(), counts, problems,
                    new SiteGraph(List.copyOf(entryKeys), Map.copyOf(methods), List.copyOf(siteList), List.copyOf(calls)));
        }

        private void enqueue(Target t) {
            if (t == null) {
                return;
            }
            if (current != null) {
                calls.add(new SiteGraph.Call(current, bci, t.key()));
            }
            if (visited.add(t.key())) {
                methods.put(t.key(), new SiteGraph.Method(t.owner().thisClass().asInternalName().replace('/', '.'),
                        t.method()));
                work.push(t);
            }
        }

        private void scan(ClassModel owner, MethodModel method) {
            if (method.code().isEmpty()) {
                return;
            }
            current = new Target(owner, method).key();
            bci = 0;
            for (CodeElement e : method.code().get()) {
                if (e instanceof InvokeInstruction inv) {
                    invocation(inv);
                } else if (e instanceof InvokeDynamicInstruction indy) {
                    lambda(indy);
                }
                if (e instanceof java.lang.classfile.Instruction i) {
                    bci += i.sizeInBytes();
                }
            }
            current = null;
        }

        private void invocation(InvokeInstruction inv) {
            String owner = inv.owner().asInternalName();
            String name = inv.name().stringValue();
            String desc = inv.type().stringValue();
            if (owner.equals(PacketAccessors.PACKET) || owner.equals(PacketAccessors.POOL)) {
                List<PacketAccessors.Access> accesses = PacketAccessors.lookup(owner, name);
                if (accesses == null) {
                    problems.add("unknown Packet method " + name + desc + " (not in the accessor table)");
                    return;
                }
                for (PacketAccessors.Access a : accesses) {
                    counts.computeIfAbsent(a.field(), k -> new int[2])[a.write() ? 1 : 0]++;
                    siteList.add(new SiteGraph.Site(current, bci, a.field(), a.write()));
                }
                return;
            }
            if (name.equals("push") || name.equals("pushBatch") || name.equals("pull")) {
                return; // into another element
            }
            if (hierarchyNames.contains(owner)) {
                if (inv.opcode() == Opcode.INVOKESTATIC || inv.opcode() == Opcode.INVOKESPECIAL) {
                    enqueue(resolveFrom(owner, name, desc));
                } else {
                    enqueue(resolveVirtual(name, desc));
                }
                return;
            }
            if (owner.startsWith("io/jmill/") && desc.contains(PACKET_DESC) && !isElementClass(owner)) {
                Target t = resolveFrom(owner, name, desc);
                if (t == null) {
                    problems.add("cannot follow " + owner.replace('/', '.') + "." + name
                            + " (abstract, an interface or bytecode not available)");
                } else {
                    enqueue(t);
                }
            }
        }

        /** A lambda whose body is a method of the element's hierarchy: follow the body. */
        private void lambda(InvokeDynamicInstruction indy) {
            if (!indy.bootstrapMethod().owner().descriptorString().equals("L" + LAMBDA_FACTORY + ";")) {
                return;
            }
            for (ConstantDesc arg : indy.bootstrapArgs()) {
                if (arg instanceof DirectMethodHandleDesc mh) {
                    String owner = mh.owner().descriptorString();
                    owner = owner.substring(1, owner.length() - 1);
                    if (hierarchyNames.contains(owner)) {
                        enqueue(resolveFrom(owner, mh.methodName(), mh.lookupDescriptor()));
                    }
                }
            }
        }

        /** The most specific implementation in the element's class hierarchy. */
        private Target resolveVirtual(String name, String desc) {
            for (ClassModel c : hierarchy) {
                MethodModel m = find(c, name, desc);
                if (m != null) {
                    return new Target(c, m);
                }
            }
            return null;
        }

        /** The method as declared in {@code owner} or inherited from its superclasses. */
        private Target resolveFrom(String owner, String name, String desc) {
            for (String c = owner; c != null; ) {
                ClassModel model = model(c);
                if (model == null) {
                    return null;
                }
                MethodModel m = find(model, name, desc);
                if (m != null) {
                    return m.code().isPresent() ? new Target(model, m) : null;
                }
                c = model.superclass().map(s -> s.asInternalName()).orElse(null);
                if (c != null && !c.startsWith("io/jmill/")) {
                    return null;
                }
            }
            return null;
        }

        private static MethodModel find(ClassModel c, String name, String desc) {
            for (MethodModel m : c.methods()) {
                if (m.methodName().equalsString(name) && m.methodType().equalsString(desc)
                        && !m.flags().has(AccessFlag.ABSTRACT)) {
                    return m;
                }
            }
            return null;
        }

        private boolean isElementClass(String internalName) {
            try {
                return Element.class.isAssignableFrom(Class.forName(internalName.replace('/', '.'), false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        private ClassModel model(String internalName) {
            if (models.containsKey(internalName)) {
                return models.get(internalName);
            }
            ClassModel m = null;
            try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
                if (in != null) {
                    m = ClassFile.of().parse(in.readAllBytes());
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add("cannot read " + internalName.replace('/', '.') + ": " + e.getMessage());
            }
            models.put(internalName, m);
            return m;
        }

        private static String internalName(Class<?> c) {
            return c.getName().replace('.', '/');
        }
    }
}
