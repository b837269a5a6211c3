package io.jmill.jvmci;

import java.util.List;
import java.util.Optional;

/**
 * Whether this JVM lets JMill use JVMCI, and if not, why — in one line a user can act on.
 *
 * <pre>{@code
 * String why = Jvmci.unavailableReason();   // null: MethodProfile and GraalCompiler may be used
 * }</pre>
 *
 * JVMCI is there when the JVM was started with {@value #FLAGS} and the {@code jdk.vm.ci}
 * packages JMill reads are exported to it ({@code --add-exports jdk.internal.vm.ci/jdk.vm.ci.meta=ALL-UNNAMED},
 * likewise {@code runtime}, {@code hotspot} and {@code code}); {@code jmill} adds all of them
 * when {@code --jvmci-profile} or {@code --backend graal} is given.
 */
public final class Jvmci {
    /** The flags that switch JVMCI on. */
    public static final String FLAGS = "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI";
    static final String MODULE = "jdk.internal.vm.ci";
    private static final List<String> PACKAGES = List.of("jdk.vm.ci.meta", "jdk.vm.ci.runtime", "jdk.vm.ci.hotspot",
            "jdk.vm.ci.code");
    private static volatile String reason;
    private static volatile boolean checked;

    private Jvmci() {
    }

    /** {@link #FLAGS} and the exports of the JVMCI packages JMill reads: what a JVM needs for {@code --jvmci-profile}. */
    public static List<String> jvmFlags() {
        List<String> flags = new java.util.ArrayList<>(List.of(FLAGS.split(" ")));
        for (String p : PACKAGES) {
            flags.add("--add-exports");
            flags.add(MODULE + "/" + p + "=ALL-UNNAMED");
        }
        return flags;
    }

    /** True if {@link #unavailableReason()} is null. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Null if JVMCI can be used here; else why not (one line). Checked once. */
    public static String unavailableReason() {
        if (!checked) {
            synchronized (Jvmci.class) {
                if (!checked) {
                    reason = check();
                    checked = true;
                }
            }
        }
        return reason;
    }

    private static String check() {
        Optional<Module> ci = ModuleLayer.boot().findModule(MODULE);
        if (ci.isEmpty()) {
            return "JVMCI is off: start the JVM with " + FLAGS;
        }
        Module me = Jvmci.class.getModule();
        for (String p : PACKAGES) {
            if (!ci.get().isExported(p, me)) {
                return "JVMCI's " + p + " is not exported to JMill: add --add-exports " + MODULE + "/" + p + "=ALL-UNNAMED";
            }
        }
        try {
            HostRuntime.metaAccess();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "JVMCI cannot be initialized: " + e;
        }
    }
}
