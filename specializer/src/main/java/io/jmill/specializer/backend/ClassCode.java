package io.jmill.specializer.backend;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bytecode of loaded classes, for the analyses of {@link ConfigArrays}: a class's model, the
 * classes that can reach its private members (its nest) and its package-private ones (its
 * package, as far as the class's own jar or directory holds it).
 */
final class ClassCode {
    private static final Map<Class<?>, Optional<ClassModel>> MODELS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, List<Class<?>>> PACKAGES = new ConcurrentHashMap<>();

    private ClassCode() {
    }

    /** The class's bytecode as its loader finds it, or null (hidden, generated or JDK-internal). */
    static ClassModel model(Class<?> c) {
        return MODELS.computeIfAbsent(c, ClassCode::parse).orElse(null);
    }

    /** The loaded class of an internal name, as {@code context}'s loader sees it, or null. */
    static Class<?> load(String internalName, Class<?> context) {
        if (internalName.startsWith("[")) {
            return null;
        }
        try {
            return Class.forName(internalName.replace('/', '.'), false, context.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether code outside the JDK could define or change {@code c}'s members. */
    static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return c.isPrimitive() || n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
                || n.startsWith("sun.") || n.startsWith("com.sun.");
    }

    /**
     * The classes whose code can use a member of {@code owner} with these modifiers: its nest for
     * a private one, its package for a package-private one; null for a protected or public one
     * (any class could).
     */
    static List<Class<?>> reach(Class<?> owner, int modifiers) {
        if (Modifier.isPrivate(modifiers)) {
            return List.of(owner.getNestMembers());
        }
        if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
            return null;
        }
        return packageOf(owner);
    }

    /** The classes of {@code c}'s package in the jar or directory {@code c} was loaded from. */
    static List<Class<?>> packageOf(Class<?> c) {
        return PACKAGES.computeIfAbsent(c, ClassCode::listPackage);
    }

    private static List<Class<?>> listPackage(Class<?> c) {
        String dir = c.getPackageName().replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            URL location = c.getProtectionDomain().getCodeSource().getLocation();
            Path root = Path.of(location.toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.list(root.resolve(dir))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                            .forEach(n -> names.add(dir + "/" + n));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0) {
                            names.add(n);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // unknown package: callers treat its members as reachable from anywhere
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            Class<?> k = load(n.substring(0, n.length() - ".class".length()), c);
            if (k == null) {
                return null;
            }
            classes.add(k);
        }
        return List.copyOf(classes);
    }

    private static Optional<ClassModel> parse(Class<?> c) {
        if (c.isHidden() || c.isArray() || c.isPrimitive()) {
            return Optional.empty();
        }
        ClassLoader l = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getPlatformClassLoader();
        try (InputStream in = l.getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in == null ? Optional.empty() : Optional.of(ClassFile.of().parse(in.readAllBytes()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
