package io.jmill.specializer.codegen;

import io.jmill.engine.element.Element;
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
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the code generator needs to know about one element class, and whether it can be
 * specialized at all: computed once per class from its class file (and those of its superclasses
 * below {@link Element}), cached.
 *
 * <p>The data-plane methods are the closure of {@code push}, {@code pull}, {@code simpleAction}
 * and {@code runTask} over calls on the element itself; each is taken from the most derived class
 * that implements it. Static methods of the class that they call are copied too when they can be
 * (so that their packet accessors are specialized); otherwise the copy calls the original.
 *
 * <p>A class is left generic, with the reason in {@link #reason()}, when a copy of it could not
 * share the original's state or could not be compiled:
 * <ul>
 * <li>it declares a non-final instance field (a copy would have its own value);</li>
 * <li>a superclass between it and {@code Element} declares instance fields (the copy's would be
 *     re-initialized by the constructor, not shared);</li>
 * <li>a data-plane method creates a lambda (its body is a synthetic method of the original class,
 *     which would not be rewritten), is {@code synchronized}, or locks {@code this} (the copy is
 *     another object);</li>
 * <li>a data-plane method is larger than {@value #MAX_METHOD_BYTES} bytes of bytecode (HotSpot
 *     does not JIT-compile larger methods);</li>
 * <li>the class is not public, or its class file cannot be found (defined at run time).</li>
 * </ul>
 */
public final class ElementAnalysis {
    /** HotSpot's HugeMethodLimit: with the default {@code -XX:+DontCompileHugeMethods} larger methods stay interpreted. */
    public static final int MAX_METHOD_BYTES = 8000;

    static final ClassDesc ELEMENT = ClassDesc.of(Element.class.getName());
    static final ClassDesc PACKET = ClassDesc.of("io.jmill.layout.Packet");
    static final MethodTypeDesc PUSH = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int, PACKET);
    static final MethodTypeDesc PULL = MethodTypeDesc.of(PACKET, ConstantDescs.CD_int);
    private static final MethodTypeDesc SIMPLE_ACTION = MethodTypeDesc.of(PACKET, PACKET);
    private static final MethodTypeDesc RUN_TASK = MethodTypeDesc.of(ConstantDescs.CD_int);
    private static final ClassDesc LAMBDA_METAFACTORY = ClassDesc.of("java.lang.invoke.LambdaMetafactory");

    private static final ClassValue<ElementAnalysis> CACHE = new ClassValue<>() {
        @Override
        protected ElementAnalysis computeValue(Class<?> type) {
            return analyze(type.asSubclass(Element.class));
        }
    };

    private final Class<? extends Element> type;
    private final String reason;
    /** The class and its superclasses below Element, most derived first. */
    private final List<Class<?>> chain;
    private final List<ClassModel> models;
    private final List<CopiedMethod> methods;

    /** A data-plane method to copy: where it is implemented, and the method itself. */
    record CopiedMethod(ClassModel declaringClass, MethodModel method) {
        String key() {
            return method.methodName().stringValue() + method.methodTypeSymbol().descriptorString();
        }

        boolean isStatic() {
            return method.flags().has(AccessFlag.STATIC);
        }
    }

    private ElementAnalysis(Class<? extends Element> type, String reason, List<Class<?>> chain,
                            List<ClassModel> models, List<CopiedMethod> methods) {
        this.type = type;
        this.reason = reason;
        this.chain = chain;
        this.models = models;
        this.methods = methods;
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

    /** Names and descriptors of the methods that are copied, e.g. {@code push(ILio/jmill/layout/Packet;)V}. */
    public List<String> copiedMethods() {
        return methods.stream().map(m -> m.method().methodName().stringValue()
                + m.method().methodTypeSymbol().descriptorString()).toList();
    }

    ClassModel model() {
        return models.getFirst();
    }

    List<CopiedMethod> methods() {
        return methods;
    }

    /** True if {@code owner} is the class or one of its superclasses below Element. */
    boolean inChain(ClassDesc owner) {
        for (Class<?> c : chain) {
            if (desc(c).equals(owner)) {
                return true;
            }
        }
        return false;
    }

    ClassDesc superclass() {
        return desc(type.getSuperclass());
    }

    static ClassDesc desc(Class<?> c) {
        return ClassDesc.of(c.getName());
    }

    // ------------------------------------------------------------------ analysis

    private static ElementAnalysis analyze(Class<? extends Element> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != Element.class; c = c.getSuperclass()) {
            chain.add(c);
        }
        if (type.isHidden() || type.isAnonymousClass() || type.isLocalClass()) {
            return rejected(type, "class file of " + type.getName() + " not found (defined at run time)");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return rejected(type, "class " + type.getName() + " is not public");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return rejected(type, "class " + type.getName() + " is abstract");
        }
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
        List<String> nonFinal = new ArrayList<>();
        for (FieldModel f : models.getFirst().fields()) {
            if (!f.flags().has(AccessFlag.STATIC) && !f.flags().has(AccessFlag.FINAL)) {
                nonFinal.add("'" + f.fieldName().stringValue() + "'");
            }
        }
        if (!nonFinal.isEmpty()) {
            return rejected(type, "non-final field" + (nonFinal.size() > 1 ? "s " : " ") + String.join(", ", nonFinal)
                    + ": run-time state must live in a state object that the specialized copy can share");
        }
        for (int i = 1; i < models.size(); i++) {
            for (FieldModel f : models.get(i).fields()) {
                if (!f.flags().has(AccessFlag.STATIC)) {
                    return rejected(type, "superclass " + chain.get(i).getName() + " declares instance field '"
                            + f.fieldName().stringValue() + "': the copy's constructor would re-initialize it, not share it");
                }
            }
        }
        return new ElementAnalysis(type, null, List.copyOf(chain), List.copyOf(models), List.of()).closure();
    }

    private static ElementAnalysis rejected(Class<? extends Element> type, String reason) {
        return new ElementAnalysis(type, reason, List.of(type), List.of(), List.of());
    }

    /** Collects the data-plane methods and checks each one. */
    private ElementAnalysis closure() {
        Map<String, CopiedMethod> found = new LinkedHashMap<>();
        Set<String> staticsLeftAlone = new HashSet<>();
        Deque<CopiedMethod> work = new ArrayDeque<>();
        for (String root : List.of("push" + PUSH.descriptorString(), "pull" + PULL.descriptorString(),
                "simpleAction" + SIMPLE_ACTION.descriptorString(), "runTask" + RUN_TASK.descriptorString())) {
            CopiedMethod m = resolve(root);
            if (m != null && found.putIfAbsent(root, m) == null) {
                work.add(m);
            }
        }
        ClassDesc self = desc(type);
        while (!work.isEmpty()) {
            CopiedMethod m = work.poll();
            if (!m.isStatic()) {
                String problem = check(m);
                if (problem != null) {
                    return new ElementAnalysis(type, problem, chain, models, List.of());
                }
            }
            for (CodeElement e : m.method().code().orElseThrow()) {
                if (!(e instanceof InvokeInstruction i)) {
                    continue;
                }
                String key = i.name().stringValue() + i.typeSymbol().descriptorString();
                if (copiesCall(i, self)) {
                    CopiedMethod target = resolve(key);
                    if (target != null && found.putIfAbsent(key, target) == null) {
                        work.add(target);
                    }
                } else if (copiesStaticCall(i, self) && !found.containsKey(key) && !staticsLeftAlone.contains(key)) {
                    // A static helper of the class is copied too, so that its packet accessors are
                    // specialized; if it cannot be (a lambda, synchronized), the copy calls the original.
                    CopiedMethod target = resolveStatic(key);
                    if (target != null && check(target) == null) {
                        found.put(key, target);
                        work.add(target);
                    } else {
                        staticsLeftAlone.add(key);
                    }
                }
            }
        }
        return new ElementAnalysis(type, null, chain, models, List.copyOf(found.values()));
    }

    /** True if {@code i} calls a static method declared by the element's class itself. */
    static boolean copiesStaticCall(InvokeInstruction i, ClassDesc self) {
        return i.opcode() == Opcode.INVOKESTATIC && i.owner().asSymbol().equals(self) && !i.isInterface();
    }

    private CopiedMethod resolveStatic(String nameAndDescriptor) {
        ClassModel cm = models.getFirst();
        for (MethodModel mm : cm.methods()) {
            if (mm.flags().has(AccessFlag.STATIC) && !mm.methodName().stringValue().equals("<clinit>")
                    && (mm.methodName().stringValue() + mm.methodTypeSymbol().descriptorString())
                    .equals(nameAndDescriptor)) {
                return new CopiedMethod(cm, mm);
            }
        }
        return null;
    }

    /** True if {@code i} calls a method of the element itself that the copy must contain. */
    boolean copiesCall(InvokeInstruction i, ClassDesc self) {
        if (i.opcode() == Opcode.INVOKESTATIC || i.opcode() == Opcode.INVOKEINTERFACE
                || i.name().stringValue().equals("<init>") || !inChain(i.owner().asSymbol())) {
            return false;
        }
        // super.m(): runs the superclass's generic code on the copy; not copied, not retargeted.
        return i.opcode() != Opcode.INVOKESPECIAL || i.owner().asSymbol().equals(self);
    }

    /** The most derived implementation below Element of {@code nameAndDescriptor}, or null. */
    private CopiedMethod resolve(String nameAndDescriptor) {
        for (ClassModel cm : models) {
            for (MethodModel mm : cm.methods()) {
                String key = mm.methodName().stringValue() + mm.methodTypeSymbol().descriptorString();
                if (key.equals(nameAndDescriptor) && !mm.flags().has(AccessFlag.STATIC)) {
                    if (mm.flags().has(AccessFlag.ABSTRACT)) {
                        return null; // an abstract declaration below the implementation cannot happen
                    }
                    return new CopiedMethod(cm, mm);
                }
            }
        }
        return null;
    }

    private String check(CopiedMethod m) {
        String name = m.method().methodName().stringValue();
        if (m.method().flags().has(AccessFlag.SYNCHRONIZED)) {
            return "method '" + name + "' is synchronized: the specialized copy is another object, so it would "
                    + "not hold the same lock";
        }
        if (m.method().flags().has(AccessFlag.NATIVE) || m.method().code().isEmpty()) {
            return "method '" + name + "' has no bytecode";
        }
        CodeModel code = m.method().code().get();
        int length = ((CodeAttribute) code).codeLength();
        if (length > MAX_METHOD_BYTES) {
            return "method '" + name + "' is " + length + " bytes of bytecode: HotSpot does not compile methods over "
                    + MAX_METHOD_BYTES + " bytes";
        }
        boolean fromSuperclass = m.declaringClass() != models.getFirst();
        List<CodeElement> elements = code.elementList();
        for (int k = 0; k < elements.size(); k++) {
            CodeElement e = elements.get(k);
            if (e instanceof InvokeDynamicInstruction indy
                    && indy.bootstrapMethod().owner().equals(LAMBDA_METAFACTORY)) {
                return "method '" + name + "' creates a lambda (invokedynamic LambdaMetafactory): its body is a "
                        + "synthetic method of the original class, which would not be specialized";
            }
            if (e instanceof java.lang.classfile.instruction.MonitorInstruction mon
                    && mon.opcode() == Opcode.MONITORENTER && locksThis(elements, k)) {
                return "method '" + name + "' locks 'this': the specialized copy is another object, so it would not "
                        + "hold the same lock";
            }
            if (fromSuperclass && usesPrivateStatic(m.declaringClass(), e)) {
                return "method '" + name + "' of superclass " + m.declaringClass().thisClass().asInternalName()
                        + " uses a private static member, which the copy could not reach";
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

    private static boolean usesPrivateStatic(ClassModel declaring, CodeElement e) {
        ClassDesc owner = declaring.thisClass().asSymbol();
        if (e instanceof FieldInstruction f && f.owner().asSymbol().equals(owner)
                && (f.opcode() == Opcode.GETSTATIC || f.opcode() == Opcode.PUTSTATIC)) {
            return declaring.fields().stream().anyMatch(fm -> fm.fieldName().equals(f.name())
                    && fm.flags().has(AccessFlag.PRIVATE));
        }
        if (e instanceof InvokeInstruction i && i.owner().asSymbol().equals(owner) && i.opcode() == Opcode.INVOKESTATIC) {
            return declaring.methods().stream().anyMatch(mm -> mm.methodName().equals(i.name())
                    && mm.methodType().equals(i.type()) && mm.flags().has(AccessFlag.PRIVATE));
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
        return type.getName() + (reason == null ? ": specializable, copies " + copiedMethods() : ": generic, " + reason);
    }
}
