package io.jmill.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jmill check} accepts every configuration in examples/ (and the libraries they require). */
class ExampleCheckTest {
    @Test
    void everyExamplePassesCheck() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root().resolve("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".click")).sorted().toList();
        }
        assertTrue(files.size() >= 9, "examples found: " + files);
        for (String name : List.of("forwarder", "router", "ids-router", "nat", "workpackage", "counter", "queue",
                "compound")) {
            assertTrue(files.contains(example(name)), name + ".click is missing");
        }
        // Captures named relative to the repository root are found from there, as a user runs them.
        Pattern capture = Pattern.compile("\\$PCAP (examples/traces/\\S+?\\.pcap)");
        for (Path f : files) {
            if (f.endsWith(Path.of("userlevel", "tun-router.click"))) {
                continue; // initializing it makes a tun interface on this host: ExampleUserlevelTest runs it in a namespace
            }
            Matcher m = capture.matcher(Files.readString(f));
            Result r = jmill(m.find() ? List.of("check", f.toString(), "PCAP=" + root().resolve(m.group(1)))
                    : List.of("check", f.toString()));
            assertEquals(0, r.status(), () -> f + ":\n" + r.err() + r.out());
            assertTrue(r.out().contains(": OK ("), () -> f + ":\n" + r.out());
        }
    }
}
