package io.jmill.profiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Writing a profile as JSON, reading it back, and the errors for malformed files. */
class ProfileJsonTest {

    static Profile sample() {
        return new Profile(1, Instant.parse("2025-03-01T10:15:30.123456789Z"), 1_500_000_000L, "router \"A\".click",
                List.of(new Profile.Edge("src", 0, "t", 0, Profile.Kind.PUSH, 1000),
                        new Profile.Edge("t", 1, "q", 0, Profile.Kind.PUSH, 1000),
                        new Profile.Edge("q", 0, "u", 0, Profile.Kind.PULL, 998)),
                List.of(new Profile.ElementStats("src", "InfiniteSource", true, 1000, 32, 2, 12_345),
                        new Profile.ElementStats("t", "Tee", false, 1000, 0, 0, 0),
                        new Profile.ElementStats("c/x", "Counter", false, Long.MAX_VALUE, 0, 0, 0)),
                List.of(new Profile.FieldAccess("t", "all metadata", 1000, 1000, 1, 1, "static-sites-x-packets"),
                        new Profile.FieldAccess("c/x", "length", 1000, 0, 1, 0, "static-sites-x-packets")),
                List.of(new Profile.Branches("cl", List.of("12/0800", "-", "tab\there \\ \u00e9"), List.of(7L, 0L, 3L)),
                        new Profile.Branches("empty", List.of(), List.of())),
                List.of("edge a [0] -> [0] b was redirected\nby someone", "\u0001 control"));
    }

    @Test
    void roundTripIsEqual(@TempDir Path dir) throws Exception {
        Profile p = sample();
        assertEquals(p, Profile.fromJson(p.toJson()));
        Path file = dir.resolve("p.json");
        p.write(file);
        assertEquals(p, Profile.read(file));
    }

    @Test
    void emptyProfileRoundTrips() throws Exception {
        Profile p = new Profile(1, Instant.EPOCH, 0, "", List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(p, Profile.fromJson(p.toJson()));
    }

    @Test
    void writesTheDocumentedLayout() {
        String json = sample().toJson();
        String[] lines = json.split("\n");
        assertEquals("{", lines[0]);
        assertEquals("  \"schema\": \"jmill-profile\",", lines[1]);
        assertEquals("  \"version\": 1,", lines[2]);
        assertEquals("    {\"from\": \"q\", \"fromPort\": 0, \"to\": \"u\", \"toPort\": 0, \"kind\": \"pull\","
                + " \"packets\": 998}",
                lines[9]);
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertError("p.json:3:14: expected ',' or '}'", "{\n  \"schema\": \"jmill-profile\",\n  \"version\":1]\n}");
        assertError("p.json:3:16: expected ',' or '}'", """
                {
                  "schema": "jmill-profile",
                  "version": 1 "timestamp": "2025-03-01T10:15:30Z"
                }
                """);
        assertError("p.json:2:12: expected ':'", "{\n  \"schema\" \"jmill-profile\"\n}");
        assertError("p.json:2:13: unterminated string", "{\n  \"schema\": \"jmill-profile\n}");
        assertError("p.json:1:2: expected a key in double quotes", "{schema: 1}");
        assertError("p.json:1:14: control character in a string (escape it)", "{\"schema\": \"a\tb\"}");
        assertError("p.json:1:13: bad \\u escape: expected four hex digits", "{\"schema\": \"\\u12x4\"}");
        assertError("p.json:1:12: expected a value, found '}'", "{\"schema\": }");
        assertError("p.json:1:2: unexpected end of input: expected a key", "{");
        assertError("p.json:1:1: empty file: expected a JSON object", "");
        assertError("p.json:1:4: unexpected text after the end of the profile", "{} {}");
        assertError("p.json:1:14: expected a digit", "{\"version\": -x}");
        assertError("p.json:1:13: bad escape '\\q'", "{\"schema\": \"\\q\"}");
        assertError("p.json:1:20: duplicate key \"a\"", "{\"a\": 1, \"b\": [1], \"a\": 2}");
        assertError("p.json:1:20: expected ',' or ']'", "{\"edges\": [1, 2, 3 4]}");
    }

    @Test
    void reportsSchemaErrorsWithThePathOfTheValue() {
        String good = sample().toJson();
        assertError("p.json:1:1: the profile: expected an object, got an array", "[]");
        assertError("p.json:1:1: missing \"schema\"", "{}");
        assertError("p.json:2:13: schema: expected \"jmill-profile\", got \"other\"",
                good.replace("\"jmill-profile\"", "\"other\""));
        assertError("p.json:3:14: unsupported profile version 2 (this JMill reads version 1)",
                good.replace("\"version\": 1", "\"version\": 2"));
        assertError("p.json:4:16: timestamp: expected an ISO-8601 instant such as \"2025-01-31T12:00:00Z\"",
                good.replace("2025-03-01T10:15:30.123456789Z", "yesterday"));
        assertError("p.json:8:87: edges[0].packets: expected a non-negative integer, got the string \"many\"",
                good.replace("\"packets\": 1000}", "\"packets\": \"many\"}"));
        assertError("p.json:8:87: edges[0].packets: -5 is out of range (0..9223372036854775807)",
                good.replace("\"packets\": 1000}", "\"packets\": -5}"));
        assertError("p.json:8:87: edges[0].packets: expected a non-negative integer, got 1.5",
                good.replace("\"packets\": 1000}", "\"packets\": 1.5}"));
        assertError("p.json:8:5: edges[0]: missing \"kind\"", good.replace("\"kind\": \"push\", \"packets\": 1000}",
                "\"packets\": 1000}"));
        assertError("p.json:10:66: edges[2].kind: expected \"push\" or \"pull\", got \"both\"",
                good.replace("\"pull\"", "\"both\""));
        assertError("p.json:8:87: edges[0].packets: 99999999999999999999 is out of range",
                good.replace("\"packets\": 1000}", "\"packets\": 99999999999999999999}"));
    }

    @Test
    void branchNamesAndHitsMustPair() {
        String json = sample().toJson().replace("\"hits\": [7, 0, 3]", "\"hits\": [7, 0]");
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> Profile.fromJson("p.json", json));
        assertEquals("p.json:22:76: branches[0].hits: 2 counts for 3 names", e.getMessage());
    }

    @Test
    void ignoresUnknownKeys() throws Exception {
        Profile p = sample();
        String json = p.toJson().replace("\"version\": 1,", "\"version\": 1, \"future\": {\"x\": [true, null, 1e3]},");
        assertEquals(p, Profile.fromJson(json));
    }

    @Test
    void namesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"schema\": \"jmill-profile\",,\n}");
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> Profile.read(file));
        assertEquals(file + ":2:29: expected a key in double quotes", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(29, e.column());
    }

    private static void assertError(String expected, String json) {
        ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> Profile.fromJson("p.json", json));
        assertEquals(expected, e.getMessage());
    }
}
