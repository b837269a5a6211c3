package io.jmill.bench.suite;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The captures that trace-replaying NFs read ({@link Nf#trace()}): {@value #FRAMES} frames from the
 * simulated NIC's generator, written once per NF and frame size under the results folder, before
 * any run, so that every run of a cell replays the same bytes.
 */
final class Traces {
    /** Frames per capture: FastClick's replay benchmarks use a few thousand distinct frames. */
    static final int FRAMES = 4096;

    private Traces() {
    }

    /** The capture of {@code nf} at frame size {@code size} in {@code dir}, written if missing. */
    static Path ensure(Nf nf, String size, Path dir) {
        Path file = dir.resolve(nf.name() + "-" + size + ".pcap").toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(file.getFileName() + ".part").toAbsolutePath();
            String config = "FromNIC(trace0, " + nf.trace() + ", SIZE " + size + ", LIMIT " + FRAMES
                    + ", STOP true) -> ToNIC(trace0, DUMP \"" + partial + "\");";
            Router r = new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse("trace", config, Map.of()));
            try {
                r.start(1);
                if (!r.awaitStop(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("writing the capture for " + nf.name() + " took over 60 s");
                }
            } finally {
                r.close();
            }
            Files.move(partial, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capture for " + nf.name() + " in " + dir, e);
        } catch (ConfigException e) {
            throw new IllegalStateException("the capture of " + nf.name() + ": " + e.errors(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the capture for " + nf.name(), e);
        }
    }
}
