package io.jmill.specializer.codegen;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.runtime.Task;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the code generator needs to know about one element class, and whether it can be
 * specialized at all: computed once per class from its class file and those of its superclasses
 * below {@link Element}, cached.
 *
 * <p><b>Flattening.</b> The copy of an element class {@code C} extends the first framework class
 * above it, {@code F} ({@link SimpleElement} or {@link Element}), not C's own superclass: every
 * class strictly between F and C, and C itself, is flattened into the copy. The copy declares
 * the instance fields of all of them ({@link #fields()}: C's under their own names, a
 * superclass's under its own name unless a class below already uses it, then with a suffix
 * {@code $level}, {@code table$1}); the generated constructor receives their values, read
 * reflectively from the original (private fields of a superclass are not accessible to the copy,
 * which is a nestmate of C only), so that the copy shares the original's state objects.
 *
 * <p>The data-plane methods are the closure of {@code push}, {@code pushBatch}, {@code pull},
 * {@code simpleAction} and {@code runTask} over calls on the element itself, across the whole chain up to Element
 * (F's own methods included, e.g. SimpleElement's {@code push}), with the JVM's rules resolved
 * statically:
 * <ul>
 * <li>a virtual call on the element (whatever class of the chain names it) reaches the most
 *     derived implementation in the chain, copied under its own name: a template method of a
 *     superclass calling an abstract method reaches C's implementation;</li>
 * <li>a {@code super.m()} call reaches the implementation at or above the named class; when
 *     that is not the most derived one, it is copied again as a private method {@code m$level};</li>
 * <li>a private method is the one of the named class (a superclass's under a new name too);</li>
 * <li>a static method of a class of the chain is copied (so that its packet accessors are
 *     specialized, a superclass's under a new name) when it can be; otherwise the copy calls the
 *     original, which it must then be able to reach;</li>
 * <li>a call on the element to a method no class of the chain declares goes to F, which the
 *     copy extends.</li>
 * </ul>
 * Every member and class that a copied method uses as it is must be accessible from the copy (a
 * class in C's package, a nestmate of C, a subclass of F): a superclass's private members and
 * the package-private members of a superclass in another package are not.
 *
 * <p>A class is left generic, with the reason in {@link #reason()}, when a copy of it could not
 * share the original's state or could not be compiled:
 * <ul>
 * <li>it, or a superclass below F, declares a non-final instance field (a copy would have its
 *     own value);</li>
 * <li>a data-plane method creates a lambda (its body is a synthetic method of the original class,
 *     which would not be rewritten), is {@code synchronized}, or locks {@code this} (the copy is
 *     another object);</li>
 * <li>a data-plane method is larger than {@value #MAX_METHOD_BYTES} bytes of bytecode (HotSpot
 *     does not JIT-compile larger methods);</li>
 * <li>a data-plane method uses a member or a class that the copy cannot reach, or calls on the
 *     element a method inherited from an interface (the copy does not implement C's interfaces,
 *     except {@link Task});</li>
 * <li>the class is not public, or its class file (or a superclass's) cannot be found (defined at
 *     run time).</li>
 * </ul>
 */
public final class ElementAnalysis {
    /** HotSpot's HugeMethodLimit: with the default {@code -XX:+DontCompileHugeMethods} larger methods stay interpreted. */
    public static final int MAX_METHOD_BYTES = 8000;

    static final ClassDesc ELEMENT = ClassDesc.of(Element.class.getName());
    static final ClassDesc PACKET = ClassDesc.of("io.jmill.layout.Packet");
    static final MethodTypeDesc PUSH = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int, PACKET);
    static final MethodTypeDesc PULL = MethodTypeDesc.of(PACKET, ConstantDescs.CD_int);
    static final ClassDesc PACKET_BATCH = ClassDesc.of("io.jmill.layout.PacketBatch");
    static final MethodTypeDesc PUSH_BATCH = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int, PACKET_BATCH);
    private static final MethodTypeDesc SIMPLE_ACTION = MethodTypeDesc.of(PACKET, PACKET);
    private static final MethodTypeDesc RUN_TASK = MethodTypeDesc.of(ConstantDescs.CD_int);
    private static final ClassDesc LAMBDA_METAFACTORY = ClassDesc.of("java.lang.invoke.LambdaMetafactory");
    /** The classes of the engine that a copy extends: the first of them above the element's class. */
    private static final List<Class<?>> FRAMEWORK = List.of(SimpleElement.class, Element.class);

    private static final ClassValue<ElementAnalysis> CACHE = new ClassValue<>() {
        @Override
        protected ElementAnalysis computeValue(Class<?> type) {
            return analyze(type.asSubclass(Element.class));
        }
    };

    private final Class<? extends Element> type;
    private final String reason;
    /** F: the framework class the copy extends. */
    private final Class<?> framework;
    /** The class and its superclasses below Element, most derived first (F last, unless F is Element). */
    private final List<Class<?>> chain;
    private final List<ClassModel> models;
    /** {@code chain[0, flattened)}: the classes whose fields and methods the copy takes over (C and those below F). */
    private final int flattened;
    private final List<FlatField> fields;
    private final List<CopiedMethod> methods;
    private final Map<MethodKey, CopiedMethod> byKey;
    private final Access access;

    /** A method of the chain: the level of its class (0 is C) and its name and descriptor. */
    record MethodKey(int level, String nameAndType) {
    }

    /**
     * An instance field of a flattened class, and the name of the copy's field that takes its value.
     *
     * @param field    the original field (of C or of a superclass below F)
     * @param copyName the copy's field
     * @param level    0 for C, 1 for its superclass...
     */
    public record FlatField(Field field, String copyName, int level, ClassDesc type, int flags) {
    }

    /** A data-plane method to copy: where it is implemented, the method itself, and what the copy is called. */
    record CopiedMethod(int level, ClassModel declaringClass, MethodModel method, String copyName, int copyFlags) {
        String key() {
            return method.methodName().stringValue() + method.methodTypeSymbol().descriptorString();
        }

        boolean isStatic() {
            return method.flags().has(AccessFlag.STATIC);
        }

        /** True if the copy is a private method (called with invokespecial, not dispatched). */
        boolean isPrivateCopy() {
            return (copyFlags & ClassFile.ACC_PRIVATE) != 0;
        }
    }

    private ElementAnalysis(Class<? extends Element> type, String reason, Class<?> framework, List<Class<?>> chain,
                            List<ClassModel> models, int flattened, List<FlatField> fields,
                            List<CopiedMethod> methods) {
        this.type = type;
        this.reason = reason;
        this.framework = framework;
        this.chain = chain;
        this.models = models;
        this.flattened = flattened;
        this.fields = fields;
        this.methods = methods;
        this.byKey = new HashMap<>();
        for (CopiedMethod m : methods) {
            byKey.put(new MethodKey(m.level(), m.key()), m);
        }
        this.access = framework == null ? null : new Access(type, framework);
    }

    /** The analysis of {@code type}, computed on first use. */
    public static ElementAnalysis of(Class<? extends Element> type) {
        return CACHE.get(type);
    }

    public Class<? extends Element> type() {
        return type;
    }

    /** True if instances of the class can be specialized. */
    public boolean specializable() {
        return reason == null;
    }

    /** Why the class stays generic, or null if it does not. */
    public String reason() {
        return reason;
    }

    /** True if the class is a task (its copy will be one too). */
    public boolean isTask() {
        return Task.class.isAssignableFrom(type);
    }

    /**
     * Names and descriptors of the methods that are copied, as the copy calls them, each with the
     * class it comes from when that is not C: {@code push(ILio/jmill/layout/Packet;)V from
     * io.jmill.elements.classifier.ClassifierElement}.
     */
    public List<String> copiedMethods() {
        return methods.stream().map(m -> m.copyName() + m.method().methodTypeSymbol().descriptorString()
                + (m.level() == 0 ? "" : " from " + chain.get(m.level()).getName())).toList();
    }

    /** The instance fields the copy declares, C's first, then each superclass's below F (empty if generic). */
    public List<FlatField> fields() {
        return fields;
    }

    /** The class the copy extends: SimpleElement or Element. */
    public Class<?> framework() {
        return framework;
    }

    ClassModel model() {
        return models.getFirst();
    }

    List<CopiedMethod> methods() {
        return methods;
    }

    /** True if {@code owner} is the class or one of its superclasses below Element. */
    boolean inChain(ClassDesc owner) {
        return level(owner) >= 0;
    }

    /** True if {@code owner} is C or a superclass of C below F: its instance members are the copy's. */
    boolean flattened(ClassDesc owner) {
        int l = level(owner);
        return l >= 0 && l < flattened;
    }

    /** The copy's superclass, F. */
    ClassDesc superclass() {
        return desc(framework);
    }

    static ClassDesc desc(Class<?> c) {
        return ClassDesc.of(c.getName());
    }

    private int level(ClassDesc owner) {
        for (int i = 0; i < chain.size(); i++) {
            if (desc(chain.get(i)).equals(owner)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ resolution (shared with the code generator)

    /**
     * The method of the chain that a call in a copied method reaches, resolved as the JVM would on
     * the element itself; null if it reaches none (not a class of the chain, a method inherited
     * from F or above, an interface call, a constructor, or an instance call from a static method,
     * whose receiver is not the element).
     */
    MethodKey callee(InvokeInstruction i, boolean inStatic) {
        String name = i.name().stringValue();
        if (i.opcode() == Opcode.INVOKEINTERFACE || i.isInterface() || name.equals(ConstantDescs.INIT_NAME)) {
            return null;
        }
        int from = level(i.owner().asSymbol());
        if (from < 0) {
            return null;
        }
        String nd = name + i.typeSymbol().descriptorString();
        int decl = declaring(from, nd);
        if (decl < 0) {
            return null;
        }
        MethodModel mm = declared(decl, nd);
        boolean isStatic = mm.flags().has(AccessFlag.STATIC);
        if (isStatic != (i.opcode() == Opcode.INVOKESTATIC)) {
            return null; // IncompatibleClassChangeError in the original too
        }
        if (isStatic) {
            return new MethodKey(decl, nd);
        }
        if (inStatic) {
            return null;
        }
        if (mm.flags().has(AccessFlag.PRIVATE)) {
            return new MethodKey(decl, nd);
        }
        if (i.opcode() == Opcode.INVOKESPECIAL) {
            return mm.flags().has(AccessFlag.ABSTRACT) ? null : new MethodKey(decl, nd);
        }
        int impl = dispatch(nd, decl);
        return impl < 0 ? null : new MethodKey(impl, nd);
    }

    /** The copy of the method {@code key}, or null if it is not copied (a static helper called as it is). */
    CopiedMethod copy(MethodKey key) {
        return byKey.get(key);
    }

    /**
     * The copy's field for the instance field {@code name} of type {@code type} reached through
     * {@code owner}, or null if the copy does not declare it (inherited from F or above, or
     * {@code owner} is not flattened).
     */
    String fieldCopy(ClassDesc owner, String name, ClassDesc type) {
        int from = level(owner);
        if (from < 0 || from >= flattened) {
            return null;
        }
        for (FlatField f : fields) {
            if (f.level() >= from && f.field().getName().equals(name) && f.type().equals(type)) {
                return f.copyName(); // fields are in level order: the first is the one resolution finds
            }
        }
        return null;
    }

    /** JVM method resolution from class {@code from} up the chain: the level declaring it, or -1. */
    private int declaring(int from, String nameAndType) {
        for (int l = from; l < chain.size(); l++) {
            if (declared(l, nameAndType) != null) {
                return l;
            }
        }
        return -1;
    }

    private MethodModel declared(int level, String nameAndType) {
        for (MethodModel mm : models.get(level).methods()) {
            if ((mm.methodName().stringValue() + mm.methodTypeSymbol().descriptorString()).equals(nameAndType)) {
                return mm;
            }
        }
        return null;
    }

    /**
     * Virtual dispatch on the element of a method that is public or protected where it is first
     * declared (Element's {@code push}...): the most derived non-private instance method, or -1
     * (abstract, or not in the chain).
     */
    private int dispatch(String nameAndType) {
        return dispatch(nameAndType, chain.size());
    }

    /**
     * Virtual dispatch on the element of the method {@code nameAndType} that resolution found at
     * level {@code resolved} (JVMS 5.4.6): the most derived method that overrides it, or -1 if
     * that one is abstract. A package-private method is overridden only from its own package.
     */
    private int dispatch(String nameAndType, int resolved) {
        MethodModel target = resolved < chain.size() ? declared(resolved, nameAndType) : null;
        boolean packagePrivate = target != null && !target.flags().has(AccessFlag.PUBLIC)
                && !target.flags().has(AccessFlag.PROTECTED);
        for (int l = 0; l <= Math.min(resolved, chain.size() - 1); l++) {
            MethodModel mm = declared(l, nameAndType);
            if (mm == null || mm.flags().has(AccessFlag.STATIC) || mm.flags().has(AccessFlag.PRIVATE)) {
                continue;
            }
            if (l == resolved || !packagePrivate || samePackage(chain.get(l), chain.get(resolved))) {
                return mm.flags().has(AccessFlag.ABSTRACT) ? -1 : l;
            }
        }
        return -1;
    }

    private static boolean samePackage(Class<?> a, Class<?> b) {
        return a.getPackageName().equals(b.getPackageName()) && a.getClassLoader() == b.getClassLoader();
    }

    private MethodModel method(MethodKey k) {
        return declared(k.level(), k.nameAndType());
    }

    // ------------------------------------------------------------------ analysis

    private static ElementAnalysis analyze(Class<? extends Element> type) {
        if (type.isHidden() || type.isAnonymousClass() || type.isLocalClass()) {
            return rejected(type, "class file of " + type.getName() + " not found (defined at run time)");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return rejected(type, "class " + type.getName() + " is not public");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return rejected(type, "class " + type.getName() + " is abstract");
        }
        List<Class<?>> chain = new ArrayList<>();
        Class<?> framework = null;
        for (Class<?> c = type; c != Element.class; c = c.getSuperclass()) {
            if (framework == null && FRAMEWORK.contains(c)) {
                framework = c;
            }
            chain.add(c);
        }
        if (framework == null) {
            framework = Element.class;
        }
        int flattened = framework == Element.class ? chain.size() : chain.indexOf(framework);
        List<ClassModel> models = new ArrayList<>();
        for (Class<?> c : chain) {
            byte[] bytes = classBytes(c);
            if (bytes == null) {
                return rejected(type, "class file of " + c.getName() + " not found (defined at run time?)");
            }
            try {
                models.add(ClassFile.of().parse(bytes));
            } catch (IllegalArgumentException e) {
                return rejected(type, "class file of " + c.getName() + " cannot be read: " + e.getMessage());
            }
        }
        for (int l = 0; l < flattened; l++) {
            List<String> nonFinal = new ArrayList<>();
            for (FieldModel f : models.get(l).fields()) {
                if (!f.flags().has(AccessFlag.STATIC) && !f.flags().has(AccessFlag.FINAL)) {
                    nonFinal.add("'" + f.fieldName().stringValue() + "'");
                }
            }
            if (!nonFinal.isEmpty()) {
                return rejected(type, "non-final field" + (nonFinal.size() > 1 ? "s " : " ") + String.join(", ", nonFinal)
                        + (l == 0 ? "" : " of superclass " + chain.get(l).getName())
                        + ": run-time state must live in a state object that the specialized copy can share");
            }
        }
        Access access = new Access(type, framework);
        List<FlatField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int l = 0; l < flattened; l++) {
            for (FieldModel f : models.get(l).fields()) {
                if (f.flags().has(AccessFlag.STATIC)) {
                    continue;
                }
                String name = f.fieldName().stringValue();
                ClassDesc fieldType = f.fieldTypeSymbol();
                if (l > 0) {
                    String problem = access.classProblem(fieldType);
                    if (problem != null) {
                        return rejected(type, "field '" + name + "' of superclass " + chain.get(l).getName()
                                + " has a type the specialized copy cannot name: " + problem);
                    }
                }
                String copyName = name;
                if (!names.add(copyName)) {
                    copyName = name + "$" + l;
                    while (!names.add(copyName)) {
                        copyName += "$";
                    }
                }
                Field field;
                try {
                    field = chain.get(l).getDeclaredField(name);
                } catch (NoSuchFieldException | LinkageError e) {
                    return rejected(type, "field '" + name + "' of " + chain.get(l).getName() + " cannot be read: " + e);
                }
                fields.add(new FlatField(field, copyName, l, fieldType, f.flags().flagsMask()));
            }
        }
        return new ElementAnalysis(type, null, framework, List.copyOf(chain), List.copyOf(models), flattened,
                List.copyOf(fields), List.of()).closure();
    }

    private static ElementAnalysis rejected(Class<? extends Element> type, String reason) {
        return new ElementAnalysis(type, reason, null, List.of(type), List.of(), 0, List.of(), List.of());
    }

    private ElementAnalysis rejected(String why) {
        return new ElementAnalysis(type, why, null, chain, models, flattened, List.of(), List.of());
    }

    /** Collects the data-plane methods, checks each one, and names their copies. */
    private ElementAnalysis closure() {
        Map<MethodKey, MethodModel> found = new LinkedHashMap<>();
        Map<MethodKey, Boolean> staticCopyable = new HashMap<>();
        Deque<MethodKey> work = new ArrayDeque<>();
        for (String root : List.of("push" + PUSH.descriptorString(), "pushBatch" + PUSH_BATCH.descriptorString(),
                "pull" + PULL.descriptorString(),
                "simpleAction" + SIMPLE_ACTION.descriptorString(), "runTask" + RUN_TASK.descriptorString())) {
            int impl = dispatch(root);
            if (impl >= 0) {
                MethodKey k = new MethodKey(impl, root);
                found.put(k, method(k));
                work.add(k);
            }
        }
        while (!work.isEmpty()) {
            MethodKey k = work.poll();
            MethodModel m = found.get(k);
            boolean isStatic = m.flags().has(AccessFlag.STATIC);
            if (!isStatic) {
                String problem = check(k.level(), m);
                if (problem != null) {
                    return rejected(problem);
                }
            }
            for (CodeElement e : m.code().orElseThrow()) {
                if (e instanceof InvokeInstruction i) {
                    MethodKey callee = callee(i, isStatic);
                    if (callee != null) {
                        MethodModel target = method(callee);
                        if (found.containsKey(callee)) {
                            continue;
                        }
                        if (!target.flags().has(AccessFlag.STATIC)) {
                            found.put(callee, target);
                            work.add(callee);
                            continue;
                        }
                        // A static helper is copied too, so that its packet accessors are specialized;
                        // if it cannot be (a lambda, synchronized, members the copy cannot reach), the
                        // copy calls the original, which it must then reach.
                        if (staticCopyable(callee, staticCopyable, new HashSet<>())) {
                            found.put(callee, target);
                            work.add(callee);
                            continue;
                        }
                    }
                }
                String problem = accessProblem(e, isStatic);
                if (problem != null) {
                    return rejected(where(k.level(), m) + " uses " + problem
                            + ": the specialized copy could not reach it");
                }
            }
        }
        return named(found);
    }

    /** True if the static method {@code k} can be copied: its checks pass and the copy can reach what it uses. */
    private boolean staticCopyable(MethodKey k, Map<MethodKey, Boolean> memo, Set<MethodKey> visiting) {
        Boolean known = memo.get(k);
        if (known != null) {
            return known;
        }
        if (!visiting.add(k)) {
            return true; // a cycle: decided by the methods on it
        }
        MethodModel m = method(k);
        boolean ok = !m.methodName().equalsString(ConstantDescs.CLASS_INIT_NAME) && check(k.level(), m) == null;
        if (ok) {
            for (CodeElement e : m.code().orElseThrow()) {
                if (e instanceof InvokeInstruction i) {
                    MethodKey callee = callee(i, true);
                    if (callee != null && staticCopyable(callee, memo, visiting)) {
                        continue;
                    }
                }
                if (accessProblem(e, true) != null) {
                    ok = false;
                    break;
                }
            }
        }
        visiting.remove(k);
        memo.put(k, ok);
        return ok;
    }

    /**
     * Why the copy cannot use what {@code e} names, as the code generator emits it (calls and
     * fields of the element itself are retargeted to the copy or to F), or null.
     */
    private String accessProblem(CodeElement e, boolean inStatic) {
        return switch (e) {
            case InvokeInstruction i -> {
                ClassDesc owner = i.owner().asSymbol();
                String name = i.name().stringValue();
                if (name.equals(ConstantDescs.INIT_NAME)) {
                    yield access.constructorProblem(owner, i.typeSymbol());
                }
                if (!inStatic && i.opcode() != Opcode.INVOKESTATIC && !i.isInterface() && inChain(owner)) {
                    // Declared by no class of the chain (else it would be copied): inherited from F.
                    yield access.inheritsMethod(name, i.typeSymbol()) ? null
                            : "method " + name + i.typeSymbol().descriptorString() + " of "
                            + owner.displayName() + ", which " + framework.getSimpleName()
                            + " does not provide (declared by an interface, or not accessible)";
                }
                yield access.methodProblem(owner, name, i.typeSymbol());
            }
            case FieldInstruction f -> {
                ClassDesc owner = f.owner().asSymbol();
                boolean instance = f.opcode() == Opcode.GETFIELD || f.opcode() == Opcode.PUTFIELD;
                if (!inStatic && instance && flattened(owner)) {
                    yield fieldCopy(owner, f.name().stringValue(), f.typeSymbol()) != null ? null
                            : access.fieldProblem(superclass(), f.name().stringValue(), f.typeSymbol());
                }
                yield access.fieldProblem(owner, f.name().stringValue(), f.typeSymbol());
            }
            case TypeCheckInstruction t -> access.classProblem(t.type().asSymbol());
            case NewObjectInstruction n -> access.classProblem(n.className().asSymbol());
            case NewReferenceArrayInstruction n -> access.classProblem(n.componentType().asSymbol());
            case NewMultiArrayInstruction n -> access.classProblem(n.arrayType().asSymbol());
            case ConstantInstruction c when c.constantValue() instanceof ClassDesc d -> access.classProblem(d);
            case ExceptionCatch c -> c.catchType().map(t -> access.classProblem(t.asSymbol())).orElse(null);
            default -> null;
        };
    }

    /**
     * Names the copies: a method that virtual dispatch on the element reaches keeps its name (it
     * overrides what it overrode), so do C's own private and static methods; any other (a
     * superclass's private or static method, a super call's target that is overridden below) is
     * a private method {@code name$level}.
     */
    private ElementAnalysis named(Map<MethodKey, MethodModel> found) {
        Map<MethodKey, CopiedMethod> named = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<MethodKey, MethodModel> en : found.entrySet()) {
            MethodKey k = en.getKey();
            MethodModel m = en.getValue();
            if (!m.flags().has(AccessFlag.STATIC) && !m.flags().has(AccessFlag.PRIVATE)
                    && dispatch(k.nameAndType()) == k.level()) {
                taken.add(k.nameAndType());
                named.put(k, new CopiedMethod(k.level(), models.get(k.level()), m, m.methodName().stringValue(),
                        m.flags().flagsMask()));
            }
        }
        for (Map.Entry<MethodKey, MethodModel> en : found.entrySet()) {
            MethodKey k = en.getKey();
            MethodModel m = en.getValue();
            if (named.containsKey(k)) {
                continue;
            }
            String name = m.methodName().stringValue();
            String descriptor = m.methodTypeSymbol().descriptorString();
            if (k.level() == 0 && taken.add(name + descriptor)) {
                named.put(k, new CopiedMethod(0, models.getFirst(), m, name, m.flags().flagsMask()));
                continue;
            }
            String copyName = name + "$" + k.level();
            while (!taken.add(copyName + descriptor)) {
                copyName += "$";
            }
            int flags = ClassFile.ACC_PRIVATE | (m.flags().flagsMask() & (ClassFile.ACC_STATIC | ClassFile.ACC_VARARGS));
            named.put(k, new CopiedMethod(k.level(), models.get(k.level()), m, copyName, flags));
        }
        // Keep the order in which they were found (the roots first).
        List<CopiedMethod> ordered = new ArrayList<>();
        for (MethodKey k : found.keySet()) {
            ordered.add(named.get(k));
        }
        return new ElementAnalysis(type, null, framework, chain, models, flattened, fields, List.copyOf(ordered));
    }

    private String where(int level, MethodModel m) {
        String name = "method '" + m.methodName().stringValue() + "'";
        return level == 0 ? name : name + " of superclass " + chain.get(level).getName();
    }

    private String check(int level, MethodModel m) {
        String name = where(level, m);
        if (m.flags().has(AccessFlag.SYNCHRONIZED)) {
            return name + " is synchronized: the specialized copy is another object, so it would "
                    + "not hold the same lock";
        }
        if (m.flags().has(AccessFlag.NATIVE) || m.code().isEmpty()) {
            return name + " has no bytecode";
        }
        CodeModel code = m.code().get();
        int length = ((CodeAttribute) code).codeLength();
        if (length > MAX_METHOD_BYTES) {
            return name + " is " + length + " bytes of bytecode: HotSpot does not compile methods over "
                    + MAX_METHOD_BYTES + " bytes";
        }
        List<CodeElement> elements = code.elementList();
        for (int k = 0; k < elements.size(); k++) {
            CodeElement e = elements.get(k);
            if (e instanceof InvokeDynamicInstruction indy
                    && indy.bootstrapMethod().owner().equals(LAMBDA_METAFACTORY)) {
                return name + " creates a lambda (invokedynamic LambdaMetafactory): its body is a "
                        + "synthetic method of the original class, which would not be specialized";
            }
            if (e instanceof java.lang.classfile.instruction.MonitorInstruction mon
                    && mon.opcode() == Opcode.MONITORENTER && locksThis(elements, k)) {
                return name + " locks 'this': the specialized copy is another object, so it would not "
                        + "hold the same lock";
            }
        }
        return null;
    }

    /** javac compiles {@code synchronized (this)} to {@code aload_0; dup; astore n; monitorenter}. */
    private static boolean locksThis(List<CodeElement> elements, int monitorenter) {
        int found = 0;
        for (int k = monitorenter - 1; k >= 0 && found < 3; k--) {
            CodeElement e = elements.get(k);
            if (!(e instanceof java.lang.classfile.Instruction)) {
                continue; // labels, line numbers
            }
            switch (found) {
                case 0 -> {
                    if (!(e instanceof StoreInstruction)) {
                        return false;
                    }
                }
                case 1 -> {
                    if (!(e instanceof StackInstruction s) || s.opcode() != Opcode.DUP) {
                        return false;
                    }
                }
                default -> {
                    return e instanceof LoadInstruction l && l.slot() == 0 && l.typeKind() == TypeKind.REFERENCE;
                }
            }
            found++;
        }
        return false;
    }

    /** The class file of {@code c} from its loader's resources, or null. */
    static byte[] classBytes(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return type.getName() + (reason == null ? ": specializable, extends " + framework.getSimpleName()
                + ", copies " + copiedMethods() : ": generic, " + reason);
    }
}
