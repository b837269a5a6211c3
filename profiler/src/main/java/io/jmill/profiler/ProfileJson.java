package io.jmill.profiler;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jmill.engine.json.JsonStrings.quote;

/**
 * The profile's JSON form, written and parsed by hand (the profiler has no dependencies). The
 * parser reads standard JSON (RFC 8259) into a small tree that remembers where each value
 * started, then maps it to a {@link Profile}, so that every error, syntactic or in the schema,
 * comes with a line and column. Keys the schema does not know are ignored (a newer minor
 * revision may add some); missing keys and values of the wrong type are errors.
 */
final class ProfileJson {
    private ProfileJson() {
    }

    // ------------------------------------------------------------------ writing

    static String write(Profile p) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n");
        sb.append("  \"schema\": ").append(quote(Profile.SCHEMA)).append(",\n");
        sb.append("  \"version\": ").append(p.version()).append(",\n");
        sb.append("  \"timestamp\": ").append(quote(p.timestamp().toString())).append(",\n");
        sb.append("  \"durationNanos\": ").append(p.durationNanos()).append(",\n");
        sb.append("  \"config\": ").append(quote(p.config())).append(",\n");
        sb.append("  \"edges\": [");
        String sep = "\n";
        for (Profile.Edge e : p.edges()) {
            sb.append(sep).append("    {\"from\": ").append(quote(e.from()))
                    .append(", \"fromPort\": ").append(e.fromPort())
                    .append(", \"to\": ").append(quote(e.to()))
                    .append(", \"toPort\": ").append(e.toPort())
                    .append(", \"kind\": ").append(quote(e.kind().word()))
                    .append(", \"packets\": ").append(e.packets()).append('}');
            sep = ",\n";
        }
        close(sb, p.edges().isEmpty()).append(",\n");
        sb.append("  \"elements\": [");
        sep = "\n";
        for (Profile.ElementStats e : p.elements()) {
            sb.append(sep).append("    {\"name\": ").append(quote(e.name()))
                    .append(", \"class\": ").append(quote(e.className()))
                    .append(", \"task\": ").append(e.task())
                    .append(", \"packetsIn\": ").append(e.packetsIn())
                    .append(", \"batches\": ").append(e.batches())
                    .append(", \"sampledBatches\": ").append(e.sampledBatches())
                    .append(", \"batchNanosSampled\": ").append(e.batchNanosSampled()).append('}');
            sep = ",\n";
        }
        close(sb, p.elements().isEmpty()).append(",\n");
        sb.append("  \"fields\": [");
        sep = "\n";
        for (Profile.FieldAccess f : p.fields()) {
            sb.append(sep).append("    {\"element\": ").append(quote(f.element()))
                    .append(", \"field\": ").append(quote(f.field()))
                    .append(", \"reads\": ").append(f.reads())
                    .append(", \"writes\": ").append(f.writes())
                    .append(", \"readSites\": ").append(f.readSites())
                    .append(", \"writeSites\": ").append(f.writeSites())
                    .append(", \"method\": ").append(quote(f.method()));
            if (f.measured()) {
                sb.append(", \"estimatedReads\": ").append(f.estimatedReads())
                        .append(", \"estimatedWrites\": ").append(f.estimatedWrites());
            }
            sb.append('}');
            sep = ",\n";
        }
        close(sb, p.fields().isEmpty()).append(",\n");
        sb.append("  \"branches\": [");
        sep = "\n";
        for (Profile.Branches b : p.branches()) {
            sb.append(sep).append("    {\"element\": ").append(quote(b.element())).append(", \"names\": [");
            for (int i = 0; i < b.names().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(b.names().get(i)));
            }
            sb.append("], \"hits\": [");
            for (int i = 0; i < b.hits().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(b.hits().get(i));
            }
            sb.append("]}");
            sep = ",\n";
        }
        close(sb, p.branches().isEmpty()).append(",\n");
        sb.append("  \"notes\": [");
        sep = "\n";
        for (String n : p.notes()) {
            sb.append(sep).append("    ").append(quote(n));
            sep = ",\n";
        }
        close(sb, p.notes().isEmpty()).append('\n');
        return sb.append("}\n").toString();
    }

    private static StringBuilder close(StringBuilder sb, boolean empty) {
        return sb.append(empty ? "]" : "\n  ]");
    }

    // ------------------------------------------------------------------ reading: JSON

    /** A parsed JSON value and where it started. */
    private sealed interface Node {
        int line();

        int column();
    }

    private record JObject(Map<String, Node> members, int line, int column) implements Node {
    }

    private record JArray(List<Node> items, int line, int column) implements Node {
    }

    private record JString(String value, int line, int column) implements Node {
    }

    /** A number as written; integral if it has no fraction or exponent. */
    private record JNumber(String text, boolean integral, int line, int column) implements Node {
    }

    private record JBoolean(boolean value, int line, int column) implements Node {
    }

    private record JNull(int line, int column) implements Node {
    }

    private static final class Parser {
        private final String source;
        private final String text;
        private int pos;
        private int line = 1;
        private int lineStart;

        Parser(String source, String text) {
            this.source = source;
            this.text = text;
        }

        Node document() throws ProfileFormatException {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '\uFEFF') {
                pos++; // byte-order mark
                skipSpace();
            }
            if (pos >= text.length()) {
                throw error("empty file: expected a JSON object");
            }
            Node n = value();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected text after the end of the profile");
            }
            return n;
        }

        private Node value() throws ProfileFormatException {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of input: expected a value");
            }
            int l = line;
            int c = column();
            char ch = text.charAt(pos);
            return switch (ch) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new JString(string(), l, c);
                case 't' -> literal("true", new JBoolean(true, l, c));
                case 'f' -> literal("false", new JBoolean(false, l, c));
                case 'n' -> literal("null", new JNull(l, c));
                default -> {
                    if (ch == '-' || (ch >= '0' && ch <= '9')) {
                        yield number();
                    }
                    throw error("expected a value, found " + describe(ch));
                }
            };
        }

        private JObject object() throws ProfileFormatException {
            int l = line;
            int c = column();
            pos++; // {
            Map<String, Node> members = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new JObject(members, l, c);
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error(atEnd() ? "unexpected end of input: expected a key"
                            : "expected a key in double quotes");
                }
                int kl = line;
                int kc = column();
                String key = string();
                skipSpace();
                if (peek() != ':') {
                    throw error("expected ':'");
                }
                pos++;
                Node v = value();
                if (members.putIfAbsent(key, v) != null) {
                    throw new ProfileFormatException(source, kl, kc, "duplicate key \"" + key + "\"");
                }
                skipSpace();
                char ch = peek();
                if (ch == ',') {
                    pos++;
                } else if (ch == '}') {
                    pos++;
                    return new JObject(members, l, c);
                } else {
                    throw error(atEnd() ? "unexpected end of input: expected ',' or '}'" : "expected ',' or '}'");
                }
            }
        }

        private JArray array() throws ProfileFormatException {
            int l = line;
            int c = column();
            pos++; // [
            List<Node> items = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new JArray(items, l, c);
            }
            while (true) {
                items.add(value());
                skipSpace();
                char ch = peek();
                if (ch == ',') {
                    pos++;
                } else if (ch == ']') {
                    pos++;
                    return new JArray(items, l, c);
                } else {
                    throw error(atEnd() ? "unexpected end of input: expected ',' or ']'" : "expected ',' or ']'");
                }
            }
        }

        private String string() throws ProfileFormatException {
            int startLine = line;
            int startColumn = column();
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length() || text.charAt(pos) == '\n') {
                    throw new ProfileFormatException(source, startLine, startColumn, "unterminated string");
                }
                char ch = text.charAt(pos);
                if (ch == '"') {
                    pos++;
                    return sb.toString();
                }
                if (ch < 0x20) {
                    throw error("control character in a string (escape it)");
                }
                if (ch != '\\') {
                    sb.append(ch);
                    pos++;
                    continue;
                }
                if (pos + 1 >= text.length()) {
                    throw new ProfileFormatException(source, startLine, startColumn, "unterminated string");
                }
                char esc = text.charAt(pos + 1);
                switch (esc) {
                    case '"', '\\', '/' -> sb.append(esc);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 6 > text.length() || !isHex(text, pos + 2, pos + 6)) {
                            throw error("bad \\u escape: expected four hex digits");
                        }
                        sb.append((char) Integer.parseInt(text, pos + 2, pos + 6, 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + esc + "'");
                }
                pos += 2;
            }
        }

        private JNumber number() throws ProfileFormatException {
            int l = line;
            int c = column();
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (!digits()) {
                throw error("expected a digit");
            }
            boolean integral = true;
            if (peek() == '.') {
                pos++;
                integral = false;
                if (!digits()) {
                    throw error("expected a digit after '.'");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                integral = false;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("expected a digit in the exponent");
                }
            }
            return new JNumber(text.substring(start, pos), integral, l, c);
        }

        private boolean digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private Node literal(String word, Node node) throws ProfileFormatException {
            if (!text.startsWith(word, pos)) {
                throw error("expected a value, found " + describe(text.charAt(pos)));
            }
            pos += word.length();
            return node;
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char ch = text.charAt(pos);
                if (ch == '\n') {
                    line++;
                    lineStart = pos + 1;
                } else if (ch != ' ' && ch != '\t' && ch != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private int column() {
            return pos - lineStart + 1;
        }

        private ProfileFormatException error(String problem) {
            return new ProfileFormatException(source, line, column(), problem);
        }

        private static boolean isHex(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (Character.digit(s.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }

        private static String describe(char ch) {
            return ch < 0x20 ? String.format("character U+%04X", (int) ch) : "'" + ch + "'";
        }
    }

    // ------------------------------------------------------------------ reading: the schema

    static Profile read(String source, String text) throws ProfileFormatException {
        return new Mapper(source).profile(new Parser(source, text).document());
    }

    /** Maps the tree to a profile; {@code path} names the value in errors, e.g. {@code edges[2].packets}. */
    private record Mapper(String source) {
        Profile profile(Node root) throws ProfileFormatException {
            JObject o = object(root, "the profile");
            String schema = string(o, "schema", "");
            if (!schema.equals(Profile.SCHEMA)) {
                throw error(o.members().get("schema"),
                        "schema: expected \"" + Profile.SCHEMA + "\", got \"" + schema + "\"");
            }
            long version = integer(o, "version", "", 1, Integer.MAX_VALUE);
            if (version > Profile.VERSION) {
                throw error(o.members().get("version"), "unsupported profile version " + version
                        + " (this JMill reads version " + Profile.VERSION + ")");
            }
            Instant timestamp;
            Node ts = member(o, "timestamp", "");
            try {
                timestamp = Instant.parse(string(o, "timestamp", ""));
            } catch (DateTimeParseException e) {
                throw error(ts, "timestamp: expected an ISO-8601 instant such as \"2025-01-31T12:00:00Z\"");
            }
            long duration = integer(o, "durationNanos", "", 0, Long.MAX_VALUE);
            String config = string(o, "config", "");

            List<Profile.Edge> edges = new ArrayList<>();
            List<Node> items = array(o, "edges", "").items();
            for (int i = 0; i < items.size(); i++) {
                String at = "edges[" + i + "].";
                JObject e = object(items.get(i), "edges[" + i + "]");
                String kind = string(e, "kind", at);
                Profile.Kind k = switch (kind) {
                    case "push" -> Profile.Kind.PUSH;
                    case "pull" -> Profile.Kind.PULL;
                    default -> throw error(e.members().get("kind"),
                            at + "kind: expected \"push\" or \"pull\", got \"" + kind + "\"");
                };
                edges.add(new Profile.Edge(string(e, "from", at), port(e, "fromPort", at), string(e, "to", at),
                        port(e, "toPort", at), k, count(e, "packets", at)));
            }

            List<Profile.ElementStats> elements = new ArrayList<>();
            items = array(o, "elements", "").items();
            for (int i = 0; i < items.size(); i++) {
                String at = "elements[" + i + "].";
                JObject e = object(items.get(i), "elements[" + i + "]");
                elements.add(new Profile.ElementStats(string(e, "name", at), string(e, "class", at),
                        bool(e, "task", at), count(e, "packetsIn", at), count(e, "batches", at),
                        count(e, "sampledBatches", at),
                        count(e, "batchNanosSampled", at)));
            }

            List<Profile.FieldAccess> fields = new ArrayList<>();
            items = array(o, "fields", "").items();
            for (int i = 0; i < items.size(); i++) {
                String at = "fields[" + i + "].";
                JObject f = object(items.get(i), "fields[" + i + "]");
                long reads = count(f, "reads", at);
                long writes = count(f, "writes", at);
                String method = string(f, "method", at);
                boolean measured = method.equals(Profile.FieldAccess.JVMCI_BRANCH_PROFILE);
                fields.add(new Profile.FieldAccess(string(f, "element", at), string(f, "field", at), reads, writes,
                        (int) integer(f, "readSites", at, 0, Integer.MAX_VALUE),
                        (int) integer(f, "writeSites", at, 0, Integer.MAX_VALUE), method,
                        measured ? count(f, "estimatedReads", at) : reads,
                        measured ? count(f, "estimatedWrites", at) : writes));
            }

            List<Profile.Branches> branches = new ArrayList<>();
            items = array(o, "branches", "").items();
            for (int i = 0; i < items.size(); i++) {
                String at = "branches[" + i + "].";
                JObject b = object(items.get(i), "branches[" + i + "]");
                JArray names = array(b, "names", at);
                JArray hits = array(b, "hits", at);
                List<String> nameList = new ArrayList<>();
                for (int j = 0; j < names.items().size(); j++) {
                    nameList.add(stringValue(names.items().get(j), at + "names[" + j + "]"));
                }
                List<Long> hitList = new ArrayList<>();
                for (int j = 0; j < hits.items().size(); j++) {
                    hitList.add(integerValue(hits.items().get(j), at + "hits[" + j + "]", 0, Long.MAX_VALUE));
                }
                if (nameList.size() != hitList.size()) {
                    throw error(hits, at + "hits: " + hitList.size() + " counts for " + nameList.size() + " names");
                }
                branches.add(new Profile.Branches(string(b, "element", at), nameList, hitList));
            }

            List<String> notes = new ArrayList<>();
            if (o.members().containsKey("notes")) {
                items = array(o, "notes", "").items();
                for (int i = 0; i < items.size(); i++) {
                    notes.add(stringValue(items.get(i), "notes[" + i + "]"));
                }
            }
            return new Profile((int) version, timestamp, duration, config, edges, elements, fields, branches, notes);
        }

        private Node member(JObject o, String key, String at) throws ProfileFormatException {
            Node n = o.members().get(key);
            if (n == null) {
                String where = at.isEmpty() ? "" : at.substring(0, at.length() - 1) + ": ";
                throw error(o, where + "missing \"" + key + "\"");
            }
            return n;
        }

        private JObject object(Node n, String what) throws ProfileFormatException {
            if (n instanceof JObject o) {
                return o;
            }
            throw error(n, what + ": expected an object, got " + kind(n));
        }

        private JArray array(JObject o, String key, String at) throws ProfileFormatException {
            Node n = member(o, key, at);
            if (n instanceof JArray a) {
                return a;
            }
            throw error(n, at + key + ": expected an array, got " + kind(n));
        }

        private String string(JObject o, String key, String at) throws ProfileFormatException {
            return stringValue(member(o, key, at), at + key);
        }

        private String stringValue(Node n, String what) throws ProfileFormatException {
            if (n instanceof JString s) {
                return s.value();
            }
            throw error(n, what + ": expected a string, got " + kind(n));
        }

        private boolean bool(JObject o, String key, String at) throws ProfileFormatException {
            Node n = member(o, key, at);
            if (n instanceof JBoolean b) {
                return b.value();
            }
            throw error(n, at + key + ": expected true or false, got " + kind(n));
        }

        private long count(JObject o, String key, String at) throws ProfileFormatException {
            return integer(o, key, at, 0, Long.MAX_VALUE);
        }

        private int port(JObject o, String key, String at) throws ProfileFormatException {
            return (int) integer(o, key, at, 0, Integer.MAX_VALUE);
        }

        private long integer(JObject o, String key, String at, long min, long max) throws ProfileFormatException {
            return integerValue(member(o, key, at), at + key, min, max);
        }

        private long integerValue(Node n, String what, long min, long max) throws ProfileFormatException {
            if (n instanceof JNumber num && num.integral()) {
                long v;
                try {
                    v = Long.parseLong(num.text());
                } catch (NumberFormatException e) {
                    throw error(n, what + ": " + num.text() + " is out of range");
                }
                if (v < min || v > max) {
                    throw error(n, what + ": " + v + " is out of range (" + min + ".." + max + ")");
                }
                return v;
            }
            throw error(n, what + ": expected " + (min >= 0 ? "a non-negative integer" : "an integer")
                    + ", got " + kind(n));
        }

        private static String kind(Node n) {
            return switch (n) {
                case JObject o -> "an object";
                case JArray a -> "an array";
                case JString s -> "the string " + quote(s.value());
                case JNumber num -> num.text();
                case JBoolean b -> Boolean.toString(b.value());
                case JNull x -> "null";
            };
        }

        private ProfileFormatException error(Node at, String problem) {
            return new ProfileFormatException(source, at.line(), at.column(), problem);
        }
    }
}
