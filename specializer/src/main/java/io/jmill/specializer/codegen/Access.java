package io.jmill.specializer.codegen;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JVM's access rules, seen from the specialized copy of an element class {@code C}: a hidden
 * class in C's package, defined by C's loader, a nestmate of C (and of nothing else: not of C's
 * superclasses), whose superclass is the framework class {@code F}. Code copied from a superclass
 * of C may use members that the superclass could reach and the copy cannot (its private members,
 * its package's members when it lives in another package); the analysis asks here before copying.
 */
final class Access {
    private final Class<?> self;
    private final Class<?> superclass;
    private final Class<?> nestHost;

    Access(Class<?> self, Class<?> superclass) {
        this.self = self;
        this.superclass = superclass;
        this.nestHost = self.getNestHost();
    }

    /** Why the copy cannot name {@code type} (checkcast, new, owner of a member...), or null. */
    String classProblem(ClassDesc type) {
        Class<?> c;
        try {
            c = load(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return "class " + name(type) + " cannot be loaded from " + self.getName() + "'s loader";
        }
        return c == null ? null : classProblem(c);
    }

    private String classProblem(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || Modifier.isPublic(c.getModifiers()) || samePackage(c)) {
            return null;
        }
        return "class " + c.getName() + " is package-private in another package";
    }

    /** Why the copy cannot use the field {@code owner.name} of type {@code type}, or null. */
    String fieldProblem(ClassDesc owner, String name, ClassDesc type) {
        String p = classProblem(owner);
        if (p != null) {
            return p;
        }
        try {
            Class<?> c = load(owner);
            Field f = findField(c, name, type.descriptorString());
            if (f == null) {
                return "field " + c.getName() + "." + name + " not found";
            }
            return memberProblem(f.getDeclaringClass(), f.getModifiers(), "field", f.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            return "field " + name(owner) + "." + name + " cannot be resolved: " + e;
        }
    }

    /** Why the copy cannot call {@code owner.name type}, or null. */
    String methodProblem(ClassDesc owner, String name, MethodTypeDesc type) {
        if (owner.isArray()) {
            return null; // clone() and Object's methods, all public on arrays
        }
        String p = classProblem(owner);
        if (p != null) {
            return p;
        }
        try {
            Method m = findMethod(load(owner), name, type.descriptorString());
            if (m == null) {
                return "method " + name(owner) + "." + name + type.descriptorString() + " not found";
            }
            return memberProblem(m.getDeclaringClass(), m.getModifiers(), "method", m.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            return "method " + name(owner) + "." + name + " cannot be resolved: " + e;
        }
    }

    /** Why the copy cannot call the constructor {@code owner.<init> type} ({@code new}), or null. */
    String constructorProblem(ClassDesc owner, MethodTypeDesc type) {
        String p = classProblem(owner);
        if (p != null) {
            return p;
        }
        try {
            Class<?> c = load(owner);
            for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
                if (MethodType.methodType(void.class, k.getParameterTypes()).descriptorString()
                        .equals(type.descriptorString())) {
                    // protected reaches a constructor from another package only through super(...)
                    return memberProblem(c, k.getModifiers() & ~Modifier.PROTECTED, "constructor", "<init>");
                }
            }
            return "constructor " + c.getName() + ".<init>" + type.descriptorString() + " not found";
        } catch (ClassNotFoundException | LinkageError e) {
            return "constructor of " + name(owner) + " cannot be resolved: " + e;
        }
    }

    /**
     * True if the copy inherits an accessible method {@code name type} from its superclass: a call
     * on the element itself to a method that no class of the flattened chain declares goes there.
     */
    boolean inheritsMethod(String name, MethodTypeDesc type) {
        Method m = findMethod(superclass, name, type.descriptorString());
        return m != null && !m.getDeclaringClass().isInterface()
                && memberProblem(m.getDeclaringClass(), m.getModifiers(), "method", name) == null;
    }

    private String memberProblem(Class<?> declaring, int modifiers, String kind, String name) {
        String what = kind + " " + declaring.getName() + "." + name;
        if (Modifier.isPublic(modifiers)) {
            return null;
        }
        if (Modifier.isPrivate(modifiers)) {
            return declaring.getNestHost() == nestHost ? null
                    : "private " + what + " (the copy is a nestmate of " + self.getSimpleName() + " only)";
        }
        if (samePackage(declaring)) {
            return null;
        }
        if (Modifier.isProtected(modifiers) && declaring.isAssignableFrom(superclass)) {
            return null;
        }
        return (Modifier.isProtected(modifiers) ? "protected " : "package-private ") + what
                + " of another package";
    }

    private boolean samePackage(Class<?> c) {
        return c.getPackageName().equals(self.getPackageName()) && c.getClassLoader() == self.getClassLoader();
    }

    /** JVMS 5.4.3.2: the class, its superinterfaces, its superclasses. */
    private static Field findField(Class<?> c, String name, String descriptor) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)) {
                    return f;
                }
            }
            Deque<Class<?>> interfaces = new ArrayDeque<>(java.util.List.of(k.getInterfaces()));
            while (!interfaces.isEmpty()) {
                Class<?> i = interfaces.poll();
                for (Field f : i.getDeclaredFields()) {
                    if (f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)) {
                        return f;
                    }
                }
                interfaces.addAll(java.util.List.of(i.getInterfaces()));
            }
        }
        return null;
    }

    /** JVMS 5.4.3.3: the class and its superclasses, then their superinterfaces. */
    private static Method findMethod(Class<?> c, String name, String descriptor) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Method m = declared(k, name, descriptor);
            if (m != null) {
                return m;
            }
        }
        if (c.isInterface()) {
            Method m = declared(Object.class, name, descriptor);
            if (m != null) {
                return m;
            }
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Deque<Class<?>> interfaces = new ArrayDeque<>(java.util.List.of(k.getInterfaces()));
            while (!interfaces.isEmpty()) {
                Class<?> i = interfaces.poll();
                Method m = declared(i, name, descriptor);
                if (m != null && !Modifier.isPrivate(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
                interfaces.addAll(java.util.List.of(i.getInterfaces()));
            }
        }
        return null;
    }

    private static Method declared(Class<?> c, String name, String descriptor) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).descriptorString()
                    .equals(descriptor)) {
                return m;
            }
        }
        return null;
    }

    /** The class {@code type} names, as the copy's loader sees it; null for a primitive. */
    private Class<?> load(ClassDesc type) throws ClassNotFoundException {
        while (type.isArray()) {
            type = type.componentType();
        }
        if (type.isPrimitive()) {
            return null;
        }
        return Class.forName(name(type), false, self.getClassLoader());
    }

    private static String name(ClassDesc type) {
        String d = type.descriptorString();
        return d.startsWith("L") ? d.substring(1, d.length() - 1).replace('/', '.') : d;
    }
}
