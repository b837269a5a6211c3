package io.jmill.specializer.codegen;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.MetadataLayout;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.SourceFileAttribute;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LocalVariableType;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the specialized copy of one element instance: a hidden class, nestmate of the
 * element's class, made from the bytecode of that class and of its superclasses.
 *
 * <p>For an element {@code e} of class {@code C}, the generated class {@code H}:
 * <ul>
 * <li>extends the framework class F above C ({@link io.jmill.engine.element.SimpleElement} or
 *     {@link Element}): C and every class between F and C are flattened into H (see
 *     {@link ElementAnalysis}). H implements {@link Task} if C does, and declares the instance
 *     fields of the flattened classes (all final), C's under their own names, a superclass's
 *     renamed ({@code name$level}) when a class below already uses the name;</li>
 * <li>has {@code private static final} fields {@code D0..Dn}, the elements its push outputs lead
 *     to, and {@code U0..Um}, the elements its pull inputs pull from, set in {@code <clinit>} from
 *     the class data. Static finals of a hidden class are constants to C2, and so are the final
 *     instance fields of a hidden class: a constant receiver's configuration folds too;</li>
 * <li>has copies of the data-plane methods (see {@link ElementAnalysis}), wherever in the chain
 *     they are implemented, in which {@code output(k, p)} and {@code checkedOutput(k, p)} call
 *     the static {@code out$}: a {@code tableswitch} on the port whose case k is
 *     {@code Dk.push(port, p)}, so a call with a constant port is, once inlined, a direct call on
 *     a constant; {@code outputBatch(k, batch)} calls {@code outb$}, whose case k is a loop of
 *     {@code Dk.push(port, p)} over the batch's packets (see below), and {@code input(k)} calls
 *     {@code in$} likewise; {@link io.jmill.layout.Packet}
 *     accessors call static copies with the layout's constant offsets ({@link PacketAccessors});
 *     instance fields of the flattened classes are H's, calls on the element reach H's copies as
 *     the analysis resolved them (virtual calls the most derived implementation, super calls and
 *     a superclass's private and static methods renamed copies), and calls to methods inherited
 *     from F or above are made on F; static fields stay where they are (H is C's nestmate, so
 *     C's private ones are reachable), and static helper methods are copied with the same
 *     rewriting (or, when they cannot be, called where they are);</li>
 * <li>has a constructor {@code H(ElementConfig config, Object[] values)} that runs F's
 *     constructor and stores {@code values}, one per field of {@link ElementAnalysis#fields()}
 *     (primitives boxed), into its fields; {@link #instantiate} reads them reflectively from the
 *     original (a superclass's private fields are not accessible to H): the copy shares the
 *     original's state objects, so handlers on the original see what the copy does.</li>
 * </ul>
 * Specialized code hands batches on packet by packet: a source's batch loop pushes each packet
 * down the whole chain of constant, inlined {@code push} calls. Handing the batch itself on (each
 * element's {@code pushBatch} loop in turn) measured slower: about 0.75x on the router
 * (docs/benchmarks.md), where generic code gains from batches because they replace its
 * per-packet virtual calls. Which instance sits behind {@code Dk} decides what C2 inlines; the field's declared type is
 * {@link Element} (a hidden class cannot be named by another class) unless the target is a public
 * final generic class, whose name is then used. A constant receiver has an exact type for C2
 * either way.
 *
 * <p>Three behaviours differ from the original, for code that relies on them: a packet output to
 * a port without a push connection is killed (the original would throw), {@code this} is another
 * object of another class (so {@code getClass()}, identity and locks on it differ;
 * {@link ElementAnalysis} refuses the lock cases), and the copy is not an instance of C, of its
 * superclasses below F, or of their interfaces other than {@link Task}.
 */
public final class ElementCodegen {
    /** Name of the generated port dispatchers, and of the class-data entry (the default, "_"). */
    static final String OUT = "out$";
    static final String IN = "in$";
    static final String OUT_BATCH = "outb$";
    private static final ClassDesc CD_ELEMENT_CONFIG = ClassDesc.of(ElementConfig.class.getName());
    private static final ClassDesc CD_TASK = ClassDesc.of(Task.class.getName());
    private static final ClassDesc CD_METHOD_HANDLES = ClassDesc.of(MethodHandles.class.getName());
    private static final MethodTypeDesc OUT_TYPE = MethodTypeDesc.of(ConstantDescs.CD_void, ElementAnalysis.ELEMENT,
            ConstantDescs.CD_int, ElementAnalysis.PACKET);
    private static final MethodTypeDesc OUT_BATCH_TYPE = MethodTypeDesc.of(ConstantDescs.CD_void, ElementAnalysis.ELEMENT,
            ConstantDescs.CD_int, ElementAnalysis.PACKET_BATCH);
    private static final MethodTypeDesc CONSTRUCTOR_TYPE = MethodTypeDesc.of(ConstantDescs.CD_void,
            CD_ELEMENT_CONFIG, ConstantDescs.CD_Object.arrayType());
    private static final MethodTypeDesc IN_TYPE = MethodTypeDesc.of(ElementAnalysis.PACKET, ElementAnalysis.ELEMENT,
            ConstantDescs.CD_int);

    private ElementCodegen() {
    }

    /**
     * One end of a generated call: the element called, the type its constant is declared with, and
     * the port passed to it.
     */
    public record Link(Element element, ClassDesc type, int port) {
    }

    /**
     * A generated class: its bytes, the class data its {@code <clinit>} expects, and the original's
     * fields whose values its constructor takes, in order.
     */
    public record Generated(Class<? extends Element> original, byte[] bytes, Object[] classData,
                            List<java.lang.reflect.Field> fields) {
    }

    /**
     * Generates the specialized class of an element of the analysed class.
     *
     * @param outputs per output port, what it pushes to (null for pull outputs)
     * @param inputs  per input port, what it pulls from (null for push inputs)
     * @param layout  the layout whose offsets the packet accessors use
     * @throws IllegalStateException if a generated method exceeds {@link ElementAnalysis#MAX_METHOD_BYTES}
     */
    public static Generated generate(ElementAnalysis a, List<Link> outputs, List<Link> inputs, MetadataLayout layout) {
        if (!a.specializable()) {
            throw new IllegalArgumentException(a.reason());
        }
        Class<? extends Element> type = a.type();
        ClassDesc hidden = ClassDesc.of(type.getName() + "$$JMill");
        List<Object> classData = new ArrayList<>();
        ClassHierarchyResolver resolver = ClassHierarchyResolver.of(List.of(), Map.of(hidden, a.superclass()))
                .orElse(ClassHierarchyResolver.defaultResolver())
                .orElse(ClassHierarchyResolver.ofResourceParsing(type.getClassLoader()))
                .orElse(ClassHierarchyResolver.ofClassLoading(type.getClassLoader()))
                .cached();
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver));
        PacketAccessors accessors = new PacketAccessors(layout, hidden);
        ClassModel model = a.model();
        byte[] bytes = cf.build(hidden, clb -> {
            clb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            clb.withSuperclass(a.superclass());
            if (a.isTask()) {
                clb.withInterfaceSymbols(CD_TASK);
            }
            model.findAttribute(java.lang.classfile.Attributes.sourceFile())
                    .ifPresent(sf -> clb.with(SourceFileAttribute.of(sf.sourceFile().stringValue())));
            for (ElementAnalysis.FlatField f : a.fields()) {
                clb.withField(f.copyName(), f.type(), f.flags());
            }
            List<String> constants = new ArrayList<>();
            List<ClassDesc> constantTypes = new ArrayList<>();
            for (int k = 0; k < outputs.size(); k++) {
                if (outputs.get(k) != null) {
                    constants.add("D" + k);
                    constantTypes.add(outputs.get(k).type());
                    classData.add(outputs.get(k).element());
                }
            }
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k) != null) {
                    constants.add("U" + k);
                    constantTypes.add(inputs.get(k).type());
                    classData.add(inputs.get(k).element());
                }
            }
            for (int i = 0; i < constants.size(); i++) {
                clb.withField(constants.get(i), constantTypes.get(i),
                        ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
            }
            clb.withMethodBody(ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC,
                    cb -> classInit(cb, hidden, constants, constantTypes));
            clb.withMethodBody(ConstantDescs.INIT_NAME, CONSTRUCTOR_TYPE, ClassFile.ACC_PUBLIC,
                    cb -> constructor(cb, a.fields(), hidden, a.superclass()));
            clb.withMethodBody(OUT, OUT_TYPE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    cb -> dispatch(cb, hidden, outputs, Call.PUSH));
            clb.withMethodBody(OUT_BATCH, OUT_BATCH_TYPE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    cb -> dispatch(cb, hidden, outputs, Call.PUSH_BATCH));
            clb.withMethodBody(IN, IN_TYPE, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    cb -> dispatch(cb, hidden, inputs, Call.PULL));
            for (ElementAnalysis.CopiedMethod m : a.methods()) {
                copy(clb, a, m, hidden, accessors);
            }
            accessors.addMethods(clb);
        });
        checkMethodSizes(bytes, type);
        return new Generated(type, bytes, classData.toArray(), a.fields().stream().map(ElementAnalysis.FlatField::field).toList());
    }

    private static void classInit(CodeBuilder cb, ClassDesc hidden, List<String> constants, List<ClassDesc> types) {
        if (!constants.isEmpty()) {
            cb.invokestatic(CD_METHOD_HANDLES, "lookup", MethodTypeDesc.of(ConstantDescs.CD_MethodHandles_Lookup));
            cb.loadConstant(ConstantDescs.DEFAULT_NAME);
            cb.loadConstant(ConstantDescs.CD_Object.arrayType());
            cb.invokestatic(CD_METHOD_HANDLES, "classData", MethodTypeDesc.of(ConstantDescs.CD_Object,
                    ConstantDescs.CD_MethodHandles_Lookup, ConstantDescs.CD_String, ConstantDescs.CD_Class));
            cb.checkcast(ConstantDescs.CD_Object.arrayType());
            cb.astore(0);
            for (int i = 0; i < constants.size(); i++) {
                cb.aload(0);
                cb.loadConstant(i);
                cb.aaload();
                cb.checkcast(types.get(i));
                cb.putstatic(hidden, constants.get(i), types.get(i));
            }
        }
        cb.return_();
    }

    private static void constructor(CodeBuilder cb, List<ElementAnalysis.FlatField> fields, ClassDesc hidden,
                                    ClassDesc superclass) {
        cb.aload(0);
        cb.aload(1);
        cb.invokespecial(superclass, ConstantDescs.INIT_NAME, MethodTypeDesc.of(ConstantDescs.CD_void, CD_ELEMENT_CONFIG));
        for (int i = 0; i < fields.size(); i++) {
            ElementAnalysis.FlatField f = fields.get(i);
            cb.aload(0);
            cb.aload(2);
            cb.loadConstant(i);
            cb.aaload();
            unbox(cb, f.type());
            cb.putfield(hidden, f.copyName(), f.type());
        }
        cb.return_();
    }

    /** Turns the Object on the stack into a value of {@code type}: a checkcast, or an unboxing. */
    private static void unbox(CodeBuilder cb, ClassDesc type) {
        if (!type.isPrimitive()) {
            if (!type.equals(ConstantDescs.CD_Object)) {
                cb.checkcast(type);
            }
            return;
        }
        TypeKind kind = TypeKind.from(type);
        ClassDesc box = switch (kind) {
            case BOOLEAN -> ConstantDescs.CD_Boolean;
            case BYTE -> ConstantDescs.CD_Byte;
            case CHAR -> ConstantDescs.CD_Character;
            case SHORT -> ConstantDescs.CD_Short;
            case INT -> ConstantDescs.CD_Integer;
            case LONG -> ConstantDescs.CD_Long;
            case FLOAT -> ConstantDescs.CD_Float;
            case DOUBLE -> ConstantDescs.CD_Double;
            default -> throw new IllegalArgumentException("field type " + type);
        };
        cb.checkcast(box);
        cb.invokevirtual(box, type.displayName() + "Value", MethodTypeDesc.of(type));
    }

    /** What a port dispatcher calls on the element behind the port. */
    private enum Call { PUSH, PUSH_BATCH, PULL }

    /**
     * {@code out$(self, port, p)}, {@code outb$(self, port, batch)} or {@code in$(self, port)}: a
     * switch of calls on the constants.
     */
    private static void dispatch(CodeBuilder cb, ClassDesc hidden, List<Link> links, Call call) {
        Label otherwise = cb.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int k = 0; k < links.size(); k++) {
            if (links.get(k) != null) {
                Label l = cb.newLabel();
                cases.add(SwitchCase.of(k, l));
                labels.add(l);
            }
        }
        if (!cases.isEmpty()) {
            cb.iload(1);
            cb.tableswitch(otherwise, cases);
            int c = 0;
            for (int k = 0; k < links.size(); k++) {
                Link link = links.get(k);
                if (link == null) {
                    continue;
                }
                cb.labelBinding(labels.get(c++));
                cb.getstatic(hidden, (call == Call.PULL ? "U" : "D") + k, link.type());
                cb.loadConstant(link.port());
                switch (call) {
                    case PUSH -> {
                        cb.aload(2);
                        cb.invokevirtual(link.type(), "push", ElementAnalysis.PUSH);
                        cb.return_();
                    }
                    case PUSH_BATCH -> {
                        // for (int i = 0, n = batch.size(); i < n; i++) Dk.push(port, batch.get(i)),
                        // and on a throw the packets after i are killed
                        cb.pop2(); // Dk and the port: loaded again per packet
                        cb.aload(2);
                        cb.invokevirtual(ElementAnalysis.PACKET_BATCH, "size", MethodTypeDesc.of(ConstantDescs.CD_int));
                        cb.istore(3);
                        cb.iconst_0();
                        cb.istore(4);
                        Label loop = cb.newLabel();
                        Label end = cb.newLabel();
                        Label tryStart = cb.newLabel();
                        Label tryEnd = cb.newLabel();
                        Label failed = cb.newLabel();
                        cb.labelBinding(loop);
                        cb.iload(4);
                        cb.iload(3);
                        cb.if_icmpge(end);
                        cb.labelBinding(tryStart);
                        cb.getstatic(hidden, "D" + k, link.type());
                        cb.loadConstant(link.port());
                        cb.aload(2);
                        cb.iload(4);
                        cb.invokevirtual(ElementAnalysis.PACKET_BATCH, "get",
                                MethodTypeDesc.of(ElementAnalysis.PACKET, ConstantDescs.CD_int));
                        cb.invokevirtual(link.type(), "push", ElementAnalysis.PUSH);
                        cb.labelBinding(tryEnd);
                        cb.iinc(4, 1);
                        cb.goto_(loop);
                        cb.labelBinding(end);
                        cb.return_();
                        // catch (Throwable t) { batch.kill(i + 1, n); throw t; }, as Element.pushBatch
                        cb.labelBinding(failed);
                        cb.astore(5);
                        cb.aload(2);
                        cb.iload(4);
                        cb.iconst_1();
                        cb.iadd();
                        cb.iload(3);
                        cb.invokevirtual(ElementAnalysis.PACKET_BATCH, "kill", MethodTypeDesc.of(ConstantDescs.CD_void,
                                ConstantDescs.CD_int, ConstantDescs.CD_int));
                        cb.aload(5);
                        cb.athrow();
                        cb.exceptionCatchAll(tryStart, tryEnd, failed);
                    }
                    case PULL -> {
                        cb.invokevirtual(link.type(), "pull", ElementAnalysis.PULL);
                        cb.areturn();
                    }
                }
            }
        }
        cb.labelBinding(otherwise);
        switch (call) {
            case PUSH -> {
                // A port that pushes nowhere: the packet must not leak.
                cb.aload(2);
                cb.invokevirtual(ElementAnalysis.PACKET, "kill", ConstantDescs.MTD_void);
                cb.return_();
            }
            case PUSH_BATCH -> {
                cb.aload(2);
                cb.invokevirtual(ElementAnalysis.PACKET_BATCH, "killAll", ConstantDescs.MTD_void);
                cb.return_();
            }
            case PULL -> {
                cb.aconst_null();
                cb.areturn();
            }
        }
    }

    private static void copy(ClassBuilder clb, ElementAnalysis a, ElementAnalysis.CopiedMethod m, ClassDesc hidden,
                             PacketAccessors accessors) {
        MethodModel mm = m.method();
        clb.withMethod(m.copyName(), mm.methodTypeSymbol(), m.copyFlags(),
                mb -> mb.transformCode(mm.code().orElseThrow(), (cb, e) -> {
                    if (!rewrite(cb, e, a, m.isStatic(), hidden, accessors)) {
                        cb.with(e);
                    }
                }));
    }

    /** Emits the rewritten form of {@code e} and returns true, or returns false to copy it as is. */
    private static boolean rewrite(CodeBuilder cb, CodeElement e, ElementAnalysis a, boolean inStatic,
                                   ClassDesc hidden, PacketAccessors accessors) {
        switch (e) {
            case InvokeInstruction i -> {
                String name = i.name().stringValue();
                MethodTypeDesc type = i.typeSymbol();
                ClassDesc owner = i.owner().asSymbol();
                if (i.opcode() == Opcode.INVOKEVIRTUAL && isElementClass(owner, a)) {
                    if ((name.equals("output") || name.equals("checkedOutput")) && type.equals(ElementAnalysis.PUSH)) {
                        cb.invokestatic(hidden, OUT, OUT_TYPE);
                        return true;
                    }
                    if (name.equals("outputBatch") && type.equals(ElementAnalysis.PUSH_BATCH)) {
                        cb.invokestatic(hidden, OUT_BATCH, OUT_BATCH_TYPE);
                        return true;
                    }
                    if (name.equals("input") && type.equals(ElementAnalysis.PULL)) {
                        cb.invokestatic(hidden, IN, IN_TYPE);
                        return true;
                    }
                }
                if (accessors.rewrite(cb, i)) {
                    return true;
                }
                ElementAnalysis.MethodKey callee = a.callee(i, inStatic);
                ElementAnalysis.CopiedMethod target = callee == null ? null : a.copy(callee);
                if (target != null) {
                    if (target.isStatic()) {
                        cb.invokestatic(hidden, target.copyName(), type);
                    } else if (target.isPrivateCopy()) {
                        cb.invokespecial(hidden, target.copyName(), type);
                    } else {
                        cb.invokevirtual(hidden, target.copyName(), type);
                    }
                    return true;
                }
                if (callee == null && !inStatic && a.inChain(owner) && !i.isInterface()
                        && (i.opcode() == Opcode.INVOKEVIRTUAL || i.opcode() == Opcode.INVOKESPECIAL)
                        && !name.equals(ConstantDescs.INIT_NAME)) {
                    // Inherited from F or above (name(), host(), getClass()...): H inherits it too.
                    cb.invoke(i.opcode(), a.superclass(), name, type, false);
                    return true;
                }
                return false;
            }
            case FieldInstruction f when !inStatic && a.flattened(f.owner().asSymbol())
                    && (f.opcode() == Opcode.GETFIELD || f.opcode() == Opcode.PUTFIELD) -> {
                String copy = a.fieldCopy(f.owner().asSymbol(), f.name().stringValue(), f.typeSymbol());
                cb.fieldAccess(f.opcode(), copy != null ? hidden : a.superclass(),
                        copy != null ? copy : f.name().stringValue(), f.typeSymbol());
                return true;
            }
            case LocalVariable lv -> {
                return true; // debug info typed with the original class: dropped
            }
            case LocalVariableType lvt -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** True if {@code owner} is Element or a subclass of it that the element's class can see. */
    private static boolean isElementClass(ClassDesc owner, ElementAnalysis a) {
        if (owner.equals(ElementAnalysis.ELEMENT) || a.inChain(owner)) {
            return true;
        }
        try {
            String d = owner.descriptorString();
            Class<?> c = Class.forName(d.substring(1, d.length() - 1).replace('/', '.'), false,
                    a.type().getClassLoader());
            return Element.class.isAssignableFrom(c);
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static void checkMethodSizes(byte[] bytes, Class<?> type) {
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            int length = m.code().map(c -> ((CodeAttribute) c).codeLength()).orElse(0);
            if (length > ElementAnalysis.MAX_METHOD_BYTES) {
                throw new IllegalStateException("generated method '" + m.methodName().stringValue() + "' of "
                        + type.getName() + " is " + length + " bytes of bytecode: HotSpot does not compile methods over "
                        + ElementAnalysis.MAX_METHOD_BYTES + " bytes");
            }
        }
    }

    /**
     * Defines the generated class as a hidden nestmate of the element's class and makes the
     * specialized instance: a copy of {@code original} built with {@code config}, holding the
     * values of {@code original}'s fields (read here, reflectively).
     *
     * @throws Throwable whatever reading the fields, definition or construction throws
     *     (InaccessibleObjectException, VerifyError, LinkageError, ...)
     */
    public static Element instantiate(Generated g, Element original, ElementConfig config) throws Throwable {
        if (original.getClass() != g.original()) {
            throw new IllegalArgumentException("a copy of " + g.original().getName() + " cannot be made from a "
                    + original.getClass().getName());
        }
        Object[] values = new Object[g.fields().size()];
        for (int i = 0; i < values.length; i++) {
            java.lang.reflect.Field f = g.fields().get(i);
            f.setAccessible(true);
            values[i] = f.get(original);
        }
        MethodHandles.Lookup owner = MethodHandles.privateLookupIn(g.original(), MethodHandles.lookup());
        MethodHandles.Lookup hidden = owner.defineHiddenClassWithClassData(g.bytes(), g.classData(), true,
                MethodHandles.Lookup.ClassOption.NESTMATE);
        MethodHandle ctor = hidden.findConstructor(hidden.lookupClass(),
                MethodType.methodType(void.class, ElementConfig.class, Object[].class));
        return (Element) ctor.invoke(config, values);
    }
}
