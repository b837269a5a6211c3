package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.connections;
import static io.jmill.engine.lang.Fixtures.element;
import static io.jmill.engine.lang.Fixtures.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A realistic configuration: an IP router with a parameterised interface compound. */
class IpRouterConfigTest {

    private static Path resource() throws Exception {
        return Path.of(IpRouterConfigTest.class.getResource("/lang/ip-router.click").toURI());
    }

    /** Elements of one Interface instance, as they should come out for {@code prefix}. */
    private static List<String> interfaceElements(String prefix, String dev, String ip, String eth, int color) {
        return List.of(
                prefix + "/FromDevice@1 :: FromDevice(" + dev + ")",
                prefix + "/c :: Classifier(CLASSIFIER)",
                prefix + "/out :: Queue(200)",
                prefix + "/ToDevice@4 :: ToDevice(" + dev + ")",
                prefix + "/ARPResponder@5 :: ARPResponder(" + ip + " " + eth + ")",
                prefix + "/arpq :: ARPQuerier(" + ip + ", " + eth + ")",
                prefix + "/Paint@7 :: Paint(" + color + ")",
                prefix + "/Strip@8 :: Strip(14)",
                prefix + "/CheckIPHeader@9 :: CheckIPHeader()",
                prefix + "/Discard@10 :: Discard()");
    }

    private static List<String> interfaceConnections(String p) {
        return List.of(
                p + "/FromDevice@1 [0] -> [0] " + p + "/c",
                p + "/out [0] -> [0] " + p + "/ToDevice@4",
                p + "/c [0] -> [0] " + p + "/ARPResponder@5",
                p + "/ARPResponder@5 [0] -> [0] " + p + "/out",
                p + "/arpq [0] -> [0] " + p + "/out",
                p + "/c [1] -> [1] " + p + "/arpq",
                p + "/c [2] -> [0] " + p + "/Paint@7",
                p + "/Paint@7 [0] -> [0] " + p + "/Strip@8",
                p + "/Strip@8 [0] -> [0] " + p + "/CheckIPHeader@9",
                // the compound's output 0 is connected to rt outside
                p + "/CheckIPHeader@9 [0] -> [0] rt",
                p + "/c [3] -> [0] " + p + "/Discard@10");
    }

    @Test
    void flattensTheRouter() throws Exception {
        Path file = resource();
        FlatConfig config = ClickParser.parseFile(file, Map.of());

        List<String> expectedElements = new ArrayList<>();
        expectedElements.addAll(interfaceElements("if0", "eth0", "10.0.0.1", "00:00:c0:ae:67:ef", 1));
        expectedElements.addAll(interfaceElements("if1", "eth1", "10.0.1.1", "00:00:c0:4f:71:ef", 2));
        expectedElements.addAll(List.of(
                "rt :: StaticIPLookup(10.0.0.1/32 0, 10.0.1.1/32 0,\n                     10.0.0.0/24 1, 10.0.1.0/24 2)",
                "ToHost@4 :: ToHost()",
                "DropBroadcasts@5 :: DropBroadcasts()",
                "dt0 :: DecIPTTL()",
                "DropBroadcasts@7 :: DropBroadcasts()",
                "dt1 :: DecIPTTL()",
                "ICMPError@9 :: ICMPError(10.0.0.1, timeexceeded)",
                "ICMPError@10 :: ICMPError(10.0.1.1, timeexceeded)"));
        List<String> actualElements = elements(config).stream()
                .map(e -> e.startsWith("if0/c ::") || e.startsWith("if1/c ::")
                        ? e.substring(0, e.indexOf('(')) + "(CLASSIFIER)" : e)
                .toList();
        assertEquals(expectedElements, actualElements);

        // the classifier keeps its line breaks; only the line comments are gone
        assertEquals("12/0806 20/0001,   \n" + " ".repeat(38) + "12/0806 20/0002,   \n" + " ".repeat(38)
                + "12/0800,           \n" + " ".repeat(38) + "-", element(config, "if1/c").config());

        List<String> expectedConnections = new ArrayList<>(List.of(
                "rt [0] -> [0] ToHost@4",
                "rt [1] -> [0] DropBroadcasts@5",
                "DropBroadcasts@5 [0] -> [0] dt0",
                "dt0 [0] -> [0] if0/arpq",
                "rt [2] -> [0] DropBroadcasts@7",
                "DropBroadcasts@7 [0] -> [0] dt1",
                "dt1 [0] -> [0] if1/arpq",
                "dt0 [1] -> [0] ICMPError@9",
                "ICMPError@9 [0] -> [0] rt",
                "dt1 [1] -> [0] ICMPError@10",
                "ICMPError@10 [0] -> [0] rt"));
        expectedConnections.addAll(interfaceConnections("if0"));
        expectedConnections.addAll(interfaceConnections("if1"));
        assertEquals(expectedConnections, connections(config));

        assertEquals(List.of(new Requirement("jmill", List.of("0.1"), new Location(file.toString(), 3, 9))),
                config.requirements());
        assertEquals(new Location(file.toString(), 18, 12), element(config, "if1/arpq").location());
        assertEquals(new Location(file.toString(), 33, 29), element(config, "dt0").location());
        // a connection into a compound is located at the outside arrow, one out of it at the inner one
        assertEquals(new FlatConnection("dt0", 0, "if0/arpq", 0, new Location(file.toString(), 33, 45)),
                config.connections().get(3));
        assertEquals(new FlatConnection("if0/CheckIPHeader@9", 0, "rt", 0, new Location(file.toString(), 20, 56)),
                config.connections().get(20));
    }

    @Test
    void commandLineOverridesReachIntoCompoundArguments() throws Exception {
        FlatConfig config = ClickParser.parseFile(resource(), Map.of("DEV1", "wlan0", "IP0", "192.168.1.1"));
        assertEquals("wlan0", element(config, "if1/FromDevice@1").config());
        assertEquals("192.168.1.1, 00:00:c0:ae:67:ef", element(config, "if0/arpq").config());
        assertEquals("192.168.1.1, timeexceeded", element(config, "ICMPError@9").config());
    }
}
