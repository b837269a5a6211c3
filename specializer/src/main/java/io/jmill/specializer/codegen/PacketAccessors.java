package io.jmill.specializer.codegen;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LocalVariableType;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites {@link Packet} accessor calls in generated code to static copies of the
 * {@link PacketAccessorTemplate} methods, with the offsets of one layout as literal constants.
 *
 * <p>One instance per generated class: {@link #rewrite} replaces a call and remembers which
 * template methods the class needs, {@link #addMethods} then adds them (as private static
 * {@code pkt$name} methods). A call is left alone when the layout lacks a field the accessor
 * uses: the generic accessor then behaves exactly as it does unspecialized.
 */
final class PacketAccessors {
    static final ClassDesc TEMPLATE = ClassDesc.of(PacketAccessorTemplate.class.getName());
    private static final String PREFIX = "pkt$";

    private static final Map<String, MethodModel> TEMPLATE_METHODS = new HashMap<>();
    /** Packet instance method (name + descriptor) to its template method. */
    private static final Map<String, MethodModel> ACCESSORS = new HashMap<>();
    /** Template method key to the metadata fields it reads or writes, directly or through helpers. */
    private static final Map<String, Set<MetadataField>> FIELDS = new HashMap<>();

    static {
        byte[] bytes = ElementAnalysis.classBytes(PacketAccessorTemplate.class);
        if (bytes == null) {
            throw new IllegalStateException("class file of " + PacketAccessorTemplate.class.getName() + " not found");
        }
        ClassModel model = ClassFile.of().parse(bytes);
        for (MethodModel m : model.methods()) {
            TEMPLATE_METHODS.put(key(m), m);
        }
        for (MethodModel m : model.methods()) {
            MethodTypeDesc type = m.methodTypeSymbol();
            if (!m.flags().has(AccessFlag.PUBLIC) || !m.flags().has(AccessFlag.STATIC) || type.parameterCount() == 0
                    || !type.parameterType(0).equals(ElementAnalysis.PACKET)) {
                continue;
            }
            MethodTypeDesc instance = type.dropParameterTypes(0, 1);
            requirePacketMethod(m.methodName().stringValue(), type);
            ACCESSORS.put(m.methodName().stringValue() + instance.descriptorString(), m);
        }
        for (MethodModel m : model.methods()) {
            FIELDS.put(key(m), fieldsUsed(m, new LinkedHashSet<>()));
        }
    }

    private final MetadataLayout layout;
    private final ClassDesc target;
    private final Set<String> needed = new LinkedHashSet<>();

    /** Accessors for code generated into class {@code target}, with the offsets of {@code layout}. */
    PacketAccessors(MetadataLayout layout, ClassDesc target) {
        this.layout = layout;
        this.target = target;
    }

    /** Names (with descriptors) of the Packet methods that can be rewritten. */
    static Set<String> rewritable() {
        return Set.copyOf(ACCESSORS.keySet());
    }

    /**
     * If {@code i} calls a Packet accessor that the layout can serve with constants, emits the call
     * of its static copy and returns true.
     */
    boolean rewrite(CodeBuilder b, InvokeInstruction i) {
        if (i.opcode() != Opcode.INVOKEVIRTUAL || !i.owner().asSymbol().equals(ElementAnalysis.PACKET)) {
            return false;
        }
        MethodModel m = ACCESSORS.get(i.name().stringValue() + i.typeSymbol().descriptorString());
        if (m == null) {
            return false;
        }
        for (MetadataField f : FIELDS.get(key(m))) {
            if (!layout.contains(f)) {
                return false;
            }
        }
        needed.add(key(m));
        b.invokestatic(target, PREFIX + m.methodName().stringValue(), m.methodTypeSymbol());
        return true;
    }

    /** Adds the accessors used so far, and the helpers they call, to the class being built. */
    void addMethods(ClassBuilder clb) {
        Set<String> all = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(needed);
        while (!work.isEmpty()) {
            String k = work.poll();
            if (!all.add(k)) {
                continue;
            }
            for (CodeElement e : TEMPLATE_METHODS.get(k).code().orElseThrow()) {
                if (e instanceof InvokeInstruction i && i.owner().asSymbol().equals(TEMPLATE)) {
                    work.add(i.name().stringValue() + i.typeSymbol().descriptorString());
                }
            }
        }
        for (String k : all) {
            MethodModel m = TEMPLATE_METHODS.get(k);
            clb.withMethod(PREFIX + m.methodName().stringValue(), m.methodTypeSymbol(),
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC,
                    mb -> mb.transformCode(m.code().orElseThrow(), this::copyTemplateCode));
        }
    }

    private void copyTemplateCode(CodeBuilder b, CodeElement e) {
        switch (e) {
            case FieldInstruction f when f.opcode() == Opcode.GETSTATIC && f.owner().asSymbol().equals(TEMPLATE)
                    && offsetField(f.name().stringValue()) != null ->
                    b.loadConstant(layout.offset(offsetField(f.name().stringValue())));
            case InvokeInstruction i when i.owner().asSymbol().equals(TEMPLATE) ->
                    b.invokestatic(target, PREFIX + i.name().stringValue(), i.typeSymbol());
            case LocalVariable lv -> { }
            case LocalVariableType lvt -> { }
            default -> b.with(e);
        }
    }

    /** The metadata field an offset field of the template locates, or null. */
    private static MetadataField offsetField(String name) {
        return MetadataField.byName(name.toLowerCase(Locale.ROOT));
    }

    private static Set<MetadataField> fieldsUsed(MethodModel m, Set<String> visiting) {
        Set<MetadataField> result = new LinkedHashSet<>();
        if (!visiting.add(key(m))) {
            return result;
        }
        for (CodeElement e : m.code().orElseThrow()) {
            if (e instanceof FieldInstruction f && f.owner().asSymbol().equals(TEMPLATE)
                    && offsetField(f.name().stringValue()) != null) {
                result.add(offsetField(f.name().stringValue()));
            } else if (e instanceof InvokeInstruction i && i.owner().asSymbol().equals(TEMPLATE)) {
                result.addAll(fieldsUsed(TEMPLATE_METHODS.get(i.name().stringValue()
                        + i.typeSymbol().descriptorString()), visiting));
            }
        }
        return result;
    }

    private static String key(MethodModel m) {
        return m.methodName().stringValue() + m.methodTypeSymbol().descriptorString();
    }

    /** The template must only mirror public Packet methods: a typo would silently never be used. */
    private static void requirePacketMethod(String name, MethodTypeDesc templateType) {
        for (Method pm : Packet.class.getMethods()) {
            if (pm.getName().equals(name) && !Modifier.isStatic(pm.getModifiers())
                    && pm.getParameterCount() == templateType.parameterCount() - 1) {
                MethodTypeDesc t = MethodTypeDesc.of(pm.getReturnType().describeConstable().orElseThrow(),
                        java.util.Arrays.stream(pm.getParameterTypes())
                                .map(c -> c.describeConstable().orElseThrow()).toArray(ClassDesc[]::new));
                if (t.equals(templateType.dropParameterTypes(0, 1))) {
                    return;
                }
            }
        }
        throw new IllegalStateException(PacketAccessorTemplate.class.getSimpleName() + "." + name
                + " has no counterpart among Packet's public methods");
    }
}
