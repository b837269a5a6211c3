package io.jmill.profiler;

import io.jmill.engine.element.PortRef;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes edge probes, each an instance of its own hidden copy of the {@link PushProbe} or
 * {@link PullProbe} template, whose class data is the port the probe forwards to.
 *
 * <p>Why copies: the generic {@code output()} call into a probe is megamorphic anyway; if all
 * probes shared one class, the probe's own forwarding call would be a second megamorphic call
 * per edge and per packet. In a copy, the forwarding target is a static final, so the JIT calls
 * it directly and inlines the downstream element into the probe. Measured on the five-element
 * chain of {@code ProfilerOverheadBenchmark} (paired, one JVM): one shared probe class with the
 * target in instance fields made the chain 1.49× slower; the copies run it at 0.87-0.93× (the
 * inlining more than pays for the counters). The copies are defined without {@code STRONG}: they
 * are unloaded with their probes once the profiler is gone.
 */
final class ProbeClasses {
    private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class, String.class, PortRef.class);
    private static final byte[] PUSH_BYTES = classBytes(PushProbe.class);
    private static final byte[] PULL_BYTES = classBytes(PullProbe.class);

    private ProbeClasses() {
    }

    /** A probe counting what is pushed to {@code target}. */
    static EdgeProbe push(String name, PortRef target) {
        return copy(PUSH_BYTES, name, target);
    }

    /** A probe counting what is pulled (non-null) from {@code source}. */
    static EdgeProbe pull(String name, PortRef source) {
        return copy(PULL_BYTES, name, source);
    }

    /** The port a probe copy forwards to, from inside the copy; null in the template itself. */
    static PortRef classData(MethodHandles.Lookup copy) {
        try {
            return MethodHandles.classData(copy, ConstantDescs.DEFAULT_NAME, PortRef.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EdgeProbe copy(byte[] bytes, String name, PortRef ref) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, ref, true);
            MethodHandle constructor = hidden.findConstructor(hidden.lookupClass(), CONSTRUCTOR);
            return (EdgeProbe) constructor.invoke(name, ref);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define a probe class for " + name, e);
        }
    }

    private static byte[] classBytes(Class<?> template) {
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("class file of " + template.getName() + " not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class file of " + template.getName(), e);
        }
    }
}
