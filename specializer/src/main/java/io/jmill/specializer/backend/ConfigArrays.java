package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration arrays of a specialized copy: its final array fields whose contents no code
 * changes once the element is constructed, so that Graal may fold their elements as constants
 * (a header check's address lists, a classifier's rule outputs, per-input tables read as
 * {@code table[port]}).
 *
 * <p>A copy's field qualifies when it holds the same array as a <em>private</em> final field of
 * the original's class chain, and no code that can reach that private field changes an array of
 * its type: in the declaring class and its nest (inner classes, lambdas), outside constructors,
 * there is no array store of any of its component kinds, and no method that reads the field
 * returns or stores an array of its type, calls {@code System.arraycopy}, passes such an array to
 * a JDK method other than the read-only ones of {@code java.util.Arrays}, or to a method (one
 * call deep) that stores into it or lets it escape. Counters, rings and tables that handlers or the data path update fail this test and
 * stay ordinary loads. The test is per component kind, so conservative: a class that stores any
 * {@code int} into any {@code int[]} after construction keeps all its {@code int[]} fields as loads.
 */
final class ConfigArrays {
    private static final Set<String> ARRAY_MUTATORS = Set.of("fill", "sort", "parallelSort", "setAll", "parallelSetAll",
            "parallelPrefix");
    private static final Map<Field, Boolean> VERDICTS = new ConcurrentHashMap<>();

    private ConfigArrays() {
    }

    /** The copy's fields whose arrays never change (see the class comment). */
    static Set<Field> of(Element original, Element copy) {
        Set<Field> constant = new HashSet<>();
        for (Field f : copy.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !Modifier.isFinal(f.getModifiers()) || !f.getType().isArray()) {
                continue;
            }
            Object array = read(f, copy);
            Field source = array == null ? null : sourceField(original, array);
            if (source != null && VERDICTS.computeIfAbsent(source, ConfigArrays::neverChanged)) {
                constant.add(f);
            }
        }
        return constant;
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The private final field of the original's class chain that holds {@code array}, or null. */
    private static Field sourceField(Element original, Object array) {
        for (Class<?> c = original.getClass(); c != null && c != Element.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) && Modifier.isPrivate(mod) && Modifier.isFinal(mod)
                        && f.getType() == array.getClass() && read(f, original) == array) {
                    return f;
                }
            }
        }
        return null;
    }

    static boolean neverChanged(Field field) {
        Set<TypeKind> kinds = new HashSet<>();
        Set<ClassDesc> types = new HashSet<>();
        for (Class<?> t = field.getType(); t.isArray(); t = t.getComponentType()) {
            types.add(ClassDesc.ofDescriptor(t.descriptorString()));
            TypeKind k = TypeKind.from(t.getComponentType());
            kinds.add(k == TypeKind.BOOLEAN ? TypeKind.BYTE : k);
        }
        Class<?> owner = field.getDeclaringClass();
        for (Class<?> c : owner.getNestMembers()) {
            ClassModel model = model(c);
            if (model == null) {
                return false;
            }
            for (MethodModel m : model.methods()) {
                boolean constructor = c == owner && (m.methodName().equalsString("<init>")
                        || m.methodName().equalsString("<clinit>"));
                if (!constructor && !leavesUnchanged(m, kinds, types, reads(m, owner, field.getName()), true)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code m} reads field {@code name} of {@code owner}. */
    private static boolean reads(MethodModel m, Class<?> owner, String name) {
        String internal = owner.getName().replace('.', '/');
        return m.code().isPresent() && m.code().get().elementStream().anyMatch(e -> e instanceof FieldInstruction f
                && f.opcode() == Opcode.GETFIELD && f.name().equalsString(name) && f.owner().asInternalName().equals(internal));
    }

    /**
     * Whether {@code m} stores into no array of these kinds and, if it holds the array
     * ({@code holds}: it reads the field, or receives the array), lets no array of these types
     * escape (returned, stored in a field, passed to a method that does either or stores into it).
     */
    private static boolean leavesUnchanged(MethodModel m, Set<TypeKind> kinds, Set<ClassDesc> types, boolean holds,
                                           boolean followCalls) {
        if (holds && types.contains(m.methodTypeSymbol().returnType())) {
            return false;
        }
        var code = m.code();
        if (code.isEmpty()) {
            return true;
        }
        for (CodeElement e : code.get()) {
            switch (e) {
                case ArrayStoreInstruction s when kinds.contains(s.typeKind()) -> {
                    return false;
                }
                case FieldInstruction f when holds && (f.opcode() == Opcode.PUTFIELD || f.opcode() == Opcode.PUTSTATIC)
                        && types.contains(f.typeSymbol()) -> {
                    return false;
                }
                case InvokeInstruction i -> {
                    if (!callLeavesUnchanged(i, kinds, types, holds, followCalls)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    private static boolean callLeavesUnchanged(InvokeInstruction i, Set<TypeKind> kinds, Set<ClassDesc> types,
                                               boolean holds, boolean followCalls) {
        if (!holds) {
            return true; // a method that never reads the field cannot pass its array on
        }
        String owner = i.owner().asInternalName();
        String name = i.name().stringValue();
        MethodTypeDesc type = i.typeSymbol();
        if (owner.equals("java/lang/System") && name.equals("arraycopy")) {
            return false;
        }
        if (type.parameterList().stream().noneMatch(types::contains)) {
            return true;
        }
        if (!followCalls || owner.startsWith("java/")) {
            // a JDK method taking the array: only the read-only ones of Arrays are known
            return owner.equals("java/util/Arrays") && !ARRAY_MUTATORS.contains(name);
        }
        ClassModel callee = model(owner);
        if (callee == null) {
            return false;
        }
        for (MethodModel m : callee.methods()) {
            if (m.methodName().equalsString(name) && m.methodTypeSymbol().equals(type)) {
                return leavesUnchanged(m, kinds, types, true, false);
            }
        }
        return false;
    }

    private static ClassModel model(Class<?> c) {
        return model(c.getName().replace('.', '/'), c.getClassLoader());
    }

    private static ClassModel model(String internalName) {
        return model(internalName, ConfigArrays.class.getClassLoader());
    }

    private static ClassModel model(String internalName, ClassLoader loader) {
        ClassLoader l = loader != null ? loader : ClassLoader.getPlatformClassLoader();
        try (InputStream in = l.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : ClassFile.of().parse(in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
