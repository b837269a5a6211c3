package io.jmill.jvmci;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Optional;

/**
 * The Graal compiler, called directly: {@link #compileAndInstall} compiles one method now, on the
 * calling thread, with the method's HotSpot profile, and installs the machine code as the method's
 * own code (what the interpreter and every caller enter from then on) until it is
 * {@linkplain InstalledMethod#invalidate() invalidated}.
 *
 * <pre>{@code
 * if (GraalCompiler.unavailableReason() == null) {
 *     InstalledMethod code = GraalCompiler.compileAndInstall(copy.getClass().getMethod("runTask"));
 *     ...
 *     code.invalidate();   // back to the interpreter, then HotSpot's own tiers
 * }
 * }</pre>
 *
 * Graal comes as the module {@code jdk.graal.compiler} of the Maven artifact
 * {@code org.graalvm.compiler:compiler} (with {@code org.graalvm.sdk:collections},
 * {@code org.graalvm.sdk:word} and {@code org.graalvm.truffle:truffle-compiler}) on the JVM's
 * {@code --upgrade-module-path}, in the version of the JDK's JVMCI; JDK 25's own module of that
 * name is an empty stub.
 */
public final class GraalCompiler {
    static final String MODULE = "jdk.graal.compiler";
    /** The Graal packages {@link GraalHost} names: each must be exported to JMill. */
    static final List<String> PACKAGES = List.of("jdk.graal.compiler.hotspot", "jdk.graal.compiler.nodes",
            "jdk.graal.compiler.debug", "jdk.graal.compiler.options", "jdk.graal.compiler.code",
            "jdk.graal.compiler.phases.tiers", "jdk.graal.compiler.core.common", "jdk.graal.compiler.core.target",
            "jdk.graal.compiler.core", "jdk.graal.compiler.core.common.spi", "jdk.graal.compiler.hotspot.meta",
            "jdk.graal.compiler.java", "jdk.graal.compiler.lir.asm", "jdk.graal.compiler.lir.phases",
            "jdk.graal.compiler.nodes.graphbuilderconf", "jdk.graal.compiler.nodes.spi", "jdk.graal.compiler.phases",
            "jdk.graal.compiler.bytecode");
    private static volatile String reason;
    private static volatile boolean checked;

    private GraalCompiler() {
    }

    /** Thrown when Graal bails out of a compilation or cannot install its code. */
    public static final class CompilationFailed extends RuntimeException {
        CompilationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The JVM flags that let JMill use Graal: {@link Jvmci#FLAGS}, the exports of JVMCI's and
     * Graal's packages it calls, and {@code --upgrade-module-path} with {@code jars} (the Graal
     * compiler and its companions, in the JDK's version).
     */
    public static List<String> jvmFlags(List<java.nio.file.Path> jars) {
        List<String> flags = new java.util.ArrayList<>(Jvmci.jvmFlags());
        for (String p : PACKAGES) {
            flags.add("--add-exports");
            flags.add(MODULE + "/" + p + "=ALL-UNNAMED");
        }
        if (!jars.isEmpty()) {
            flags.add("--upgrade-module-path");
            flags.add(String.join(java.io.File.pathSeparator, jars.stream().map(java.nio.file.Path::toString).toList()));
        }
        return flags;
    }

    /** Null if Graal can compile here; else why not (one line). Checked once; may start Graal (a second or two). */
    public static String unavailableReason() {
        if (!checked) {
            synchronized (GraalCompiler.class) {
                if (!checked) {
                    reason = check();
                    checked = true;
                }
            }
        }
        return reason;
    }

    /** The Graal version on the upgrade module path (its jar's Implementation-Version), or "unknown". */
    public static String version() {
        return ModuleLayer.boot().findModule(MODULE).flatMap(GraalCompiler::version).orElse("unknown");
    }

    private static Optional<String> version(Module graal) {
        Optional<String> v = graal.getDescriptor().rawVersion();
        if (v.isPresent()) {
            return v;
        }
        try (java.io.InputStream in = graal.getResourceAsStream("META-INF/MANIFEST.MF")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(new java.util.jar.Manifest(in).getMainAttributes().getValue("Implementation-Version"));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String check() {
        String jvmci = Jvmci.unavailableReason();
        if (jvmci != null) {
            return jvmci;
        }
        Optional<Module> graal = ModuleLayer.boot().findModule(MODULE);
        if (graal.isEmpty() || !graal.get().getPackages().contains(PACKAGES.getFirst())) {
            return "the Graal compiler is not on the upgrade module path (this JDK's " + MODULE
                    + " is an empty stub): add --upgrade-module-path with org.graalvm.compiler:compiler and its companions";
        }
        String mismatch = versionMismatch(version(graal.get()));
        if (mismatch != null) {
            return mismatch;
        }
        Module me = GraalCompiler.class.getModule();
        for (String p : PACKAGES) {
            if (!graal.get().isExported(p, me)) {
                return "Graal's " + p + " is not exported to JMill: add --add-exports " + MODULE + "/" + p + "=ALL-UNNAMED";
            }
        }
        try {
            return GraalHost.check();
        } catch (LinkageError | RuntimeException e) {
            return "Graal " + version() + " does not start on JDK " + Runtime.version() + ": " + e;
        }
    }

    /** A one-line error if Graal's version is not this JDK's feature.interim.update, else null. */
    static String versionMismatch(Optional<String> v) {
        if (v.isEmpty()) {
            return null;
        }
        Runtime.Version jdk = Runtime.version();
        String expected = jdk.feature() + "." + jdk.interim() + "." + jdk.update();
        String got = v.get();
        if (!got.equals(expected) && !got.startsWith(expected + ".") && !got.startsWith(expected + "-")
                && !got.startsWith(expected + "+")) {
            return "Graal " + got + " does not match this JDK's JVMCI (JDK " + jdk + "): use org.graalvm.compiler:compiler:"
                    + expected;
        }
        return null;
    }

    /**
     * Compiles {@code m} with Graal now and installs the code as {@code m}'s own.
     *
     * @throws IllegalStateException if Graal is not available (the reason is the message)
     * @throws CompilationFailed     if Graal bails out or the code cannot be installed
     */
    public static InstalledMethod compileAndInstall(Executable m) {
        return compileAndInstall(m, CompileScope.NONE);
    }

    /**
     * Compiles {@code m} with Graal now, inlining, folding and profiling as {@code scope} allows,
     * and installs the code as {@code m}'s own.
     *
     * @throws IllegalStateException if Graal is not available (the reason is the message)
     * @throws CompilationFailed     if Graal bails out or the code cannot be installed
     */
    public static InstalledMethod compileAndInstall(Executable m, CompileScope scope) {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            return GraalHost.compileAndInstall(m, scope);
        } catch (LinkageError | RuntimeException e) {
            throw new CompilationFailed("Graal could not compile " + m.getDeclaringClass().getSimpleName() + "."
                    + m.getName() + ": " + e, e);
        }
    }
}
