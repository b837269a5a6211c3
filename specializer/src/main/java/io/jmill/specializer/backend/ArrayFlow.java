package io.jmill.specializer.backend;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one method does with the arrays and fields it can reach, found by simulating its operand
 * stack over the bytecode (the ClassFile API): into the arrays of which fields (or parameters) it
 * stores, which of them it lets escape (returns, stores in a field or an array, passes to a
 * method, captures in a lambda), which fields it assigns, what it calls, and which methods its
 * lambdas and method references name.
 *
 * <p>Each stack value and local carries where it may come from: a field (through any number of
 * array loads while the field's type has dimensions left), a parameter, the receiver, or
 * <em>anything</em>. Locals are followed flow-insensitively (a local may hold whatever was ever
 * stored in it), and where paths join with values on the stack (a conditional expression), the
 * stack is the union of what every branch to the join carried; the passes repeat until nothing
 * grows, so the result holds on every path. Where nothing is known of a join's stack, the stack
 * map frame gives its types: an array- or Object-typed value there is <em>anything</em>, and a
 * store into, or an escape of, <em>anything</em> counts against every field of a matching kind.
 */
final class ArrayFlow {
    /** Where a value may come from. */
    sealed interface Src permits FieldSrc, ParamSrc, Special {
    }

    /** The field {@code owner.name} (internal owner name), or an array reached from it with {@code dims} dimensions left. */
    record FieldSrc(String field, int dims) implements Src {
    }

    /** Parameter {@code index} (0 is the receiver of an instance method), with {@code dims} dimensions left. */
    record ParamSrc(int index, int dims) implements Src {
    }

    enum Special implements Src { THIS, ANY }

    /** A call site. {@code owner} is an internal name (an array descriptor for calls on arrays). */
    record Call(Opcode opcode, String owner, String name, MethodTypeDesc type) {
    }

    /** Values of these sources passed as argument {@code arg} (0: receiver of an instance call). */
    record ArgFlow(Call call, int arg, Set<Src> srcs) {
    }

    /** A method named by a lambda or method reference, and the functional interface it implements. */
    record MethodRef(String owner, String name, String descriptor, String iface, String sam) {
    }

    /**
     * The facts of one method; {@code analyzable} false: nothing can be assumed of it.
     * {@code copiedFields}, {@code copiedParams}: fields and parameters whose arrays it assigns to
     * a field (another holder of the same array); every other way out of the method is an escape.
     */
    record Facts(boolean analyzable, Set<String> storedFields, Set<String> escapedFields, Set<String> copiedFields,
                 Set<Integer> storedParams, Set<Integer> escapedParams, Set<Integer> copiedParams,
                 Set<String> assignedFields,
                 Set<TypeKind> anyStores, boolean anyEscape, List<ArgFlow> argFlows, List<Call> calls,
                 List<MethodRef> refs) {
    }

    private static final Set<Src> NONE = Set.of();
    private static final Set<Src> ANY = Set.of(Special.ANY);
    private static final int UNKNOWN_DIMS = 255;
    private static final int MAX_PASSES = 8;

    private final String thisClass;
    private final MethodModel method;
    private final boolean constructor;
    private final Map<Integer, Set<Src>> locals = new HashMap<>();
    private List<Set<Src>> stack = new ArrayList<>();
    /** The stacks branches carry to each label, merged over all branches and passes. */
    private final Map<Label, List<Set<Src>>> branchStacks = new HashMap<>();
    private boolean fallsThrough;
    private boolean grew;
    private boolean analyzable = true;
    private final Set<String> storedFields = new HashSet<>();
    private final Set<String> escapedFields = new HashSet<>();
    private final Set<String> copiedFields = new HashSet<>();
    private final Set<Integer> storedParams = new HashSet<>();
    private final Set<Integer> escapedParams = new HashSet<>();
    private final Set<Integer> copiedParams = new HashSet<>();
    private final Set<String> assignedFields = new HashSet<>();
    private final Set<TypeKind> anyStores = EnumSet.noneOf(TypeKind.class);
    private boolean anyEscape;
    private final Set<ArgFlow> argFlows = new HashSet<>();
    private final Set<Call> calls = new HashSet<>();
    private final Set<MethodRef> refs = new HashSet<>();

    private ArrayFlow(ClassModel owner, MethodModel method) {
        this.thisClass = owner.thisClass().asInternalName();
        this.method = method;
        this.constructor = method.methodName().equalsString("<init>") || method.methodName().equalsString("<clinit>");
    }

    /** The facts of {@code m}, a method of {@code owner}. */
    static Facts of(ClassModel owner, MethodModel m) {
        ArrayFlow f = new ArrayFlow(owner, m);
        f.run();
        return new Facts(f.analyzable, Set.copyOf(f.storedFields), Set.copyOf(f.escapedFields),
                Set.copyOf(f.copiedFields), Set.copyOf(f.storedParams),
                Set.copyOf(f.escapedParams), Set.copyOf(f.copiedParams), Set.copyOf(f.assignedFields),
                Set.copyOf(f.anyStores), f.anyEscape,
                List.copyOf(f.argFlows), List.copyOf(f.calls), List.copyOf(f.refs));
    }

    /** Array dimensions of a type; {@value #UNKNOWN_DIMS} for types an array may hide behind; 0 for others. */
    static int dims(ClassDesc type) {
        if (type.isArray()) {
            int d = 0;
            for (ClassDesc t = type; t.isArray(); t = t.componentType()) {
                d++;
            }
            return d;
        }
        String s = type.descriptorString();
        return s.equals("Ljava/lang/Object;") || s.equals("Ljava/lang/Cloneable;") || s.equals("Ljava/io/Serializable;")
                ? UNKNOWN_DIMS : 0;
    }

    private void run() {
        var code = method.code();
        if (code.isEmpty()) {
            return;
        }
        Map<Label, StackMapFrameInfo> frames = new HashMap<>();
        code.get().findAttribute(Attributes.stackMapTable())
                .ifPresent(t -> t.entries().forEach(f -> frames.put(f.target(), f)));
        for (int pass = 0; pass < MAX_PASSES && analyzable; pass++) {
            grew = false;
            clearFacts(); // only the last pass, which sees every join complete, counts
            stack.clear();
            fallsThrough = true;
            enterParameters();
            simulate(code.get(), frames);
            if (!grew) {
                return;
            }
        }
        analyzable = false; // no fixed point in time: assume nothing
    }

    private void clearFacts() {
        storedFields.clear();
        escapedFields.clear();
        copiedFields.clear();
        storedParams.clear();
        escapedParams.clear();
        copiedParams.clear();
        assignedFields.clear();
        anyStores.clear();
        anyEscape = false;
        argFlows.clear();
        calls.clear();
        refs.clear();
    }

    private void enterParameters() {
        int slot = 0;
        int index = 0;
        if (!method.flags().has(AccessFlag.STATIC)) {
            merge(slot++, Set.of(Special.THIS));
            index++;
        }
        for (ClassDesc p : method.methodTypeSymbol().parameterList()) {
            int d = dims(p);
            merge(slot, d > 0 ? Set.of(new ParamSrc(index, d)) : NONE);
            slot += TypeKind.from(p).slotSize();
            index++;
        }
    }

    private void simulate(CodeModel code, Map<Label, StackMapFrameInfo> frames) {
        for (CodeElement e : code) {
            if (!analyzable) {
                return;
            }
            switch (e) {
                case LabelTarget t -> join(t.label(), frames.get(t.label()));
                case LoadInstruction l -> push(l.typeKind() == TypeKind.REFERENCE
                        ? locals.getOrDefault(l.slot(), NONE) : NONE, l.typeKind().slotSize());
                case StoreInstruction s -> {
                    Set<Src> v = pop(s.typeKind().slotSize());
                    if (s.typeKind() == TypeKind.REFERENCE) {
                        merge(s.slot(), v);
                    }
                }
                case ConstantInstruction c -> push(NONE, c.typeKind().slotSize());
                case FieldInstruction f -> field(f);
                case ArrayLoadInstruction a -> {
                    pop(1);
                    Set<Src> array = pop(1);
                    push(a.typeKind() == TypeKind.REFERENCE ? element(array) : NONE, a.typeKind().slotSize());
                }
                case ArrayStoreInstruction a -> {
                    Set<Src> value = pop(a.typeKind().slotSize());
                    pop(1);
                    Set<Src> array = pop(1);
                    store(array, a.typeKind());
                    if (a.typeKind() == TypeKind.REFERENCE) {
                        escape(value);
                    }
                }
                case OperatorInstruction o -> operator(o);
                case ConvertInstruction c -> {
                    pop(c.fromType().slotSize());
                    push(NONE, c.toType().slotSize());
                }
                case StackInstruction s -> stackOp(s.opcode());
                case BranchInstruction b -> {
                    branch(b.opcode());
                    branchTo(b.target());
                    if (b.opcode() == Opcode.GOTO || b.opcode() == Opcode.GOTO_W) {
                        end();
                    }
                }
                case TableSwitchInstruction s -> {
                    pop(1);
                    branchTo(s.defaultTarget());
                    s.cases().forEach(c -> branchTo(c.target()));
                    end();
                }
                case LookupSwitchInstruction s -> {
                    pop(1);
                    branchTo(s.defaultTarget());
                    s.cases().forEach(c -> branchTo(c.target()));
                    end();
                }
                case ReturnInstruction r -> {
                    if (r.typeKind() != TypeKind.VOID) {
                        escape(pop(r.typeKind().slotSize()));
                    }
                    end();
                }
                case ThrowInstruction t -> {
                    pop(1);
                    end();
                }
                case InvokeInstruction i -> invoke(i);
                case InvokeDynamicInstruction d -> invokeDynamic(d);
                case NewObjectInstruction n -> push(NONE, 1);
                case NewPrimitiveArrayInstruction n -> {
                    pop(1);
                    push(NONE, 1);
                }
                case NewReferenceArrayInstruction n -> {
                    pop(1);
                    push(NONE, 1);
                }
                case NewMultiArrayInstruction n -> {
                    pop(n.dimensions());
                    push(NONE, 1);
                }
                case TypeCheckInstruction t -> {
                    Set<Src> v = pop(1);
                    push(t.opcode() == Opcode.CHECKCAST ? v : NONE, 1);
                }
                case MonitorInstruction m -> pop(1);
                case DiscontinuedInstruction d -> analyzable = false;
                default -> {
                    // nop, increments, line numbers, local variable names, exception table entries
                }
            }
        }
    }

    private void field(FieldInstruction f) {
        String key = f.owner().asInternalName() + "." + f.name().stringValue();
        ClassDesc type = f.typeSymbol();
        int width = TypeKind.from(type).slotSize();
        int d = dims(type);
        switch (f.opcode()) {
            case GETFIELD -> {
                pop(1);
                push(d > 0 ? Set.of(new FieldSrc(key, d)) : NONE, width);
            }
            case GETSTATIC -> push(d > 0 ? Set.of(new FieldSrc(key, d)) : NONE, width);
            case PUTFIELD -> {
                copy(pop(width));
                Set<Src> receiver = pop(1);
                boolean ownConstruction = constructor && receiver.equals(Set.of(Special.THIS))
                        && f.owner().asInternalName().equals(thisClass);
                if (!ownConstruction) {
                    assignedFields.add(key);
                }
            }
            default -> { // PUTSTATIC
                copy(pop(width));
                if (!(constructor && f.owner().asInternalName().equals(thisClass))) {
                    assignedFields.add(key);
                }
            }
        }
    }

    private void operator(OperatorInstruction o) {
        switch (o.opcode()) {
            case ARRAYLENGTH -> {
                pop(1);
                push(NONE, 1);
            }
            case INEG, LNEG, FNEG, DNEG -> {
                int w = o.typeKind().slotSize();
                pop(w);
                push(NONE, w);
            }
            case LCMP, DCMPL, DCMPG -> {
                pop(4);
                push(NONE, 1);
            }
            case FCMPL, FCMPG -> {
                pop(2);
                push(NONE, 1);
            }
            case ISHL, ISHR, IUSHR, LSHL, LSHR, LUSHR -> {
                int w = o.typeKind().slotSize();
                pop(1);
                pop(w);
                push(NONE, w);
            }
            default -> {
                int w = o.typeKind().slotSize();
                pop(w);
                pop(w);
                push(NONE, w);
            }
        }
    }

    private void stackOp(Opcode op) {
        switch (op) {
            case POP -> pop(1);
            case POP2 -> pop(2);
            case DUP -> {
                Set<Src> v1 = pop(1);
                pushAll(v1, v1);
            }
            case DUP_X1 -> {
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                pushAll(v1, v2, v1);
            }
            case DUP_X2 -> {
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                Set<Src> v3 = pop(1);
                pushAll(v1, v3, v2, v1);
            }
            case DUP2 -> {
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                pushAll(v2, v1, v2, v1);
            }
            case DUP2_X1 -> {
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                Set<Src> v3 = pop(1);
                pushAll(v2, v1, v3, v2, v1);
            }
            case DUP2_X2 -> {
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                Set<Src> v3 = pop(1);
                Set<Src> v4 = pop(1);
                pushAll(v2, v1, v4, v3, v2, v1);
            }
            default -> { // SWAP
                Set<Src> v1 = pop(1);
                Set<Src> v2 = pop(1);
                pushAll(v1, v2);
            }
        }
    }

    /** Control does not reach the next instruction from here. */
    private void end() {
        stack.clear();
        fallsThrough = false;
    }

    private void branchTo(Label target) {
        List<Set<Src>> known = branchStacks.get(target);
        if (known == null) {
            branchStacks.put(target, new ArrayList<>(stack));
            grew = true;
        } else if (known.size() != stack.size()) {
            analyzable = false;
        } else {
            for (int i = 0; i < known.size(); i++) {
                if (!known.get(i).containsAll(stack.get(i))) {
                    known.set(i, union(known.get(i), stack.get(i)));
                    grew = true;
                }
            }
        }
    }

    /** The stack at a label: what falls through to it, joined with what branches carry there. */
    private void join(Label label, StackMapFrameInfo frame) {
        List<Set<Src>> branched = branchStacks.get(label);
        if (fallsThrough) {
            if (branched != null) {
                if (branched.size() != stack.size()) {
                    analyzable = false;
                    return;
                }
                for (int i = 0; i < stack.size(); i++) {
                    stack.set(i, union(stack.get(i), branched.get(i)));
                }
            }
        } else if (branched != null) {
            stack = new ArrayList<>(branched);
        } else if (frame != null) {
            stack.clear(); // an exception handler, or a join whose branches come later
            for (VerificationTypeInfo v : frame.stack()) {
                pushFrameValue(v);
            }
        }
        fallsThrough = true;
    }

    private static Set<Src> union(Set<Src> a, Set<Src> b) {
        if (a.containsAll(b)) {
            return a;
        }
        Set<Src> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    private void branch(Opcode op) {
        switch (op) {
            case GOTO, GOTO_W -> {
            }
            case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE, IF_ACMPEQ, IF_ACMPNE -> pop(2);
            default -> pop(1);
        }
    }

    private void invoke(InvokeInstruction i) {
        MethodTypeDesc type = i.typeSymbol();
        Call call = new Call(i.opcode(), i.owner().asInternalName(), i.name().stringValue(), type);
        calls.add(call);
        List<ClassDesc> params = type.parameterList();
        boolean instance = i.opcode() != Opcode.INVOKESTATIC;
        int offset = instance ? 1 : 0;
        for (int k = params.size() - 1; k >= 0; k--) {
            flow(call, k + offset, pop(TypeKind.from(params.get(k)).slotSize()));
        }
        if (instance) {
            flow(call, 0, pop(1));
        }
        TypeKind ret = TypeKind.from(type.returnType());
        if (ret != TypeKind.VOID) {
            push(NONE, ret.slotSize());
        }
    }

    private void flow(Call call, int arg, Set<Src> srcs) {
        Set<Src> tracked = new HashSet<>(srcs);
        tracked.remove(Special.THIS);
        if (!tracked.isEmpty()) {
            argFlows.add(new ArgFlow(call, arg, Set.copyOf(tracked)));
        }
    }

    private void invokeDynamic(InvokeDynamicInstruction d) {
        MethodTypeDesc type = d.typeSymbol();
        List<ClassDesc> params = type.parameterList();
        for (int k = params.size() - 1; k >= 0; k--) {
            escape(pop(TypeKind.from(params.get(k)).slotSize()));
        }
        String iface = type.returnType().isClassOrInterface() ? internalName(type.returnType()) : "";
        for (ConstantDesc arg : d.bootstrapArgs()) {
            if (arg instanceof DirectMethodHandleDesc h) {
                refs.add(new MethodRef(internalName(h.owner()), h.methodName(), h.lookupDescriptor(), iface,
                        d.name().stringValue()));
            }
        }
        TypeKind ret = TypeKind.from(type.returnType());
        if (ret != TypeKind.VOID) {
            push(NONE, ret.slotSize());
        }
    }

    private static String internalName(ClassDesc c) {
        String d = c.descriptorString();
        return d.startsWith("L") ? d.substring(1, d.length() - 1) : d;
    }

    // ------------------------------------------------------------------ sources

    private static Set<Src> element(Set<Src> array) {
        Set<Src> out = new HashSet<>();
        for (Src s : array) {
            switch (s) {
                case FieldSrc f when f.dims() > 1 -> out.add(new FieldSrc(f.field(), f.dims() - 1));
                case ParamSrc p when p.dims() > 1 -> out.add(new ParamSrc(p.index(), p.dims() - 1));
                case Special sp when sp == Special.ANY -> out.add(Special.ANY);
                default -> {
                }
            }
        }
        return out.isEmpty() ? NONE : Set.copyOf(out);
    }

    private void store(Set<Src> array, TypeKind kind) {
        for (Src s : array) {
            switch (s) {
                case FieldSrc f -> storedFields.add(f.field());
                case ParamSrc p -> storedParams.add(p.index());
                case Special sp when sp == Special.ANY -> anyStores.add(kind == TypeKind.BOOLEAN ? TypeKind.BYTE : kind);
                default -> {
                }
            }
        }
    }

    /** A value assigned to a field: for a field's array, another holder; else an escape. */
    private void copy(Set<Src> value) {
        for (Src s : value) {
            if (s instanceof FieldSrc f) {
                copiedFields.add(f.field());
            } else if (s instanceof ParamSrc p) {
                copiedParams.add(p.index());
            } else {
                escape(Set.of(s));
            }
        }
    }

    private void escape(Set<Src> value) {
        for (Src s : value) {
            switch (s) {
                case FieldSrc f -> escapedFields.add(f.field());
                case ParamSrc p -> escapedParams.add(p.index());
                case Special sp when sp == Special.ANY -> anyEscape = true;
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------ stack and locals

    private void pushFrameValue(VerificationTypeInfo v) {
        if (v instanceof SimpleVerificationTypeInfo s
                && (s == SimpleVerificationTypeInfo.LONG || s == SimpleVerificationTypeInfo.DOUBLE)) {
            push(NONE, 2);
        } else if (v instanceof ObjectVerificationTypeInfo o && dims(o.classSymbol()) > 0) {
            push(ANY, 1);
        } else {
            push(NONE, 1);
        }
    }

    private void merge(int slot, Set<Src> srcs) {
        Set<Src> old = locals.getOrDefault(slot, NONE);
        if (!old.containsAll(srcs)) {
            Set<Src> union = new HashSet<>(old);
            union.addAll(srcs);
            locals.put(slot, Set.copyOf(union));
            grew = true;
        }
    }

    private void push(Set<Src> v, int width) {
        stack.add(v);
        if (width == 2) {
            stack.add(NONE);
        }
    }

    @SafeVarargs
    private void pushAll(Set<Src>... values) {
        for (Set<Src> v : values) {
            stack.add(v);
        }
    }

    /** Pops {@code slots} stack slots; returns the sources of the deepest one (a wide value's first slot). */
    private Set<Src> pop(int slots) {
        if (stack.size() < slots) {
            analyzable = false;
            return ANY;
        }
        Set<Src> v = NONE;
        for (int k = 0; k < slots; k++) {
            v = stack.removeLast();
        }
        return v;
    }
}
