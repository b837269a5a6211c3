package io.jmill.cli;

import io.jmill.engine.router.Router;
import io.jmill.profiler.Profile;
import io.jmill.profiler.ProfileFormatException;
import io.jmill.specializer.control.AdaptiveController;
import io.jmill.specializer.control.LayoutMode;
import io.jmill.specializer.control.SpecializeMode;
import io.jmill.jvmci.Jvmci;
import io.jmill.specializer.backend.Backends;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The specialization options of {@code jmill run}: mode, saved profile in, profile out, layout,
 * field accesses measured through JVMCI, compiler backend.
 */
record Specialization(SpecializeMode mode, Profile profileIn, Path profileOut, LayoutMode layout, boolean jvmciProfile,
                      String backend) {

    static Specialization fromOptions(CommandLine cl) throws UsageException {
        SpecializeMode mode;
        try {
            mode = SpecializeMode.parse(cl.value("--specialize", "auto"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--specialize: " + e.getMessage());
        }
        Profile in = null;
        String inFile = cl.value("--profile-in", null);
        if (inFile != null) {
            in = readProfile(Path.of(inFile));
            if (!cl.has("--specialize")) {
                mode = SpecializeMode.NOW; // a saved profile is for specializing right away
            }
        }
        String outFile = cl.value("--profile-out", null);
        LayoutMode layout;
        try {
            String l = cl.value("--layout", null);
            layout = l != null ? LayoutMode.parse(l) : defaultLayout(mode, in);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--layout: " + e.getMessage());
        }
        if (layout == LayoutMode.HOT && mode == SpecializeMode.OFF) {
            throw new UsageException("--layout hot: needs a specializer (--specialize auto, or now with --profile-in)");
        }
        if (layout == LayoutMode.AB && mode != SpecializeMode.AUTO) {
            throw new UsageException("--layout ab: runs after the first specialization of --specialize auto"
                    + " (over JMX, abTestLayout works in any mode once a profile exists)");
        }
        if (layout == LayoutMode.HOT && mode == SpecializeMode.NOW && in == null) {
            throw new UsageException("--layout hot: --specialize now has no profile to order fields by;"
                    + " use --specialize auto or --profile-in FILE");
        }
        String backend;
        try {
            backend = Backends.parse(cl.value("--backend", "c2"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--backend: " + e.getMessage());
        }
        boolean jvmci = cl.has("--jvmci-profile");
        if (jvmci && Jvmci.unavailableReason() != null) {
            throw new UsageException("--jvmci-profile: " + Jvmci.unavailableReason()
                    + " (the jmill launcher adds the flags for this option)");
        }
        return new Specialization(mode, in, outFile == null ? null : Path.of(outFile), layout, jvmci, backend);
    }

    /**
     * The layout without {@code --layout}: hot-first whenever the run will have a profile to order
     * the fields by (auto mode, or now with a saved profile), else generic. The hot-first layout
     * was never slower than the generic one in the measurements of docs/specialization.md, and up
     * to 18% faster on Click's replay configurations, whose clones copy the metadata span.
     */
    static LayoutMode defaultLayout(SpecializeMode mode, Profile in) {
        return mode == SpecializeMode.AUTO || mode == SpecializeMode.NOW && in != null ? LayoutMode.HOT
                : LayoutMode.GENERIC;
    }

    static Profile readProfile(Path file) throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--profile-in: cannot read " + file + ": no such file");
        }
        try {
            return Profile.read(file);
        } catch (ProfileFormatException e) {
            throw new UsageException("--profile-in: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--profile-in: cannot read " + file + ": " + e.getMessage());
        }
    }

    AdaptiveController attach(Router router, ConfigSource source, PrintStream log) {
        AdaptiveController.Options options = AdaptiveController.Options.defaults().withMode(mode).withProfileIn(profileIn)
                .withLayout(layout).withJvmciProfile(jvmciProfile).withBackend(backend);
        AdaptiveController c = new AdaptiveController(router, source.name(), options, log);
        if (profileOut != null && mode == SpecializeMode.OFF) {
            c.profiler().start(); // nothing else will measure a profile: measure the whole run
        }
        return c;
    }

    /** Writes the profile the specializer used, or the one measured over the run. */
    void writeProfile(AdaptiveController c, PrintStream err) {
        if (profileOut == null) {
            return;
        }
        Profile p = c.profile();
        if (p == null || p == profileIn) {
            c.profiler().stop();
            p = c.profiler().snapshot();
        }
        try {
            p.write(profileOut);
            err.println("jmill: profile written to " + profileOut);
        } catch (IOException e) {
            err.println("jmill: cannot write the profile to " + profileOut + ": " + e.getMessage());
        }
    }
}
