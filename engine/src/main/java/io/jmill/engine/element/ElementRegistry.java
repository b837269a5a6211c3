package io.jmill.engine.element;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The element classes a router can instantiate. {@link #load()} finds every class that the build
 * indexed (see {@link ElementIndexProcessor}) on the class path; tests may {@link #register} more.
 */
public final class ElementRegistry {
    /** Class-path resource listing indexed element classes, one binary name a line. */
    public static final String INDEX = "META-INF/jmill/elements.idx";
    /** Folder of the manual pages, one file per class, named by binary name. */
    public static final String DOC_DIR = "META-INF/jmill/doc/";

    private final Map<String, ElementClass> byName = new TreeMap<>();
    private final Map<String, ElementClass> primary = new TreeMap<>();

    /** An empty registry. */
    public ElementRegistry() {
    }

    /** A registry of every indexed element class visible to this class's loader. */
    public static ElementRegistry load() {
        return load(ElementRegistry.class.getClassLoader());
    }

    public static ElementRegistry load(ClassLoader loader) {
        ElementRegistry r = new ElementRegistry();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                for (String className : lines(indexes.nextElement().openStream())) {
                    r.register(loadClass(loader, className), readDoc(loader, className));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the element index", e);
        }
        return r;
    }

    private static Class<? extends Element> loadClass(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader).asSubclass(Element.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("element index names " + className + ", which is not an Element class", e);
        }
    }

    private static String readDoc(ClassLoader loader, String className) throws IOException {
        try (InputStream in = loader.getResourceAsStream(DOC_DIR + className + ".txt")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> result = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    result.add(line);
                }
            }
        }
        return result;
    }

    /** Adds an element class (and its aliases); a later registration of the same name wins. */
    public ElementRegistry register(Class<? extends Element> type, String doc) {
        ElementClass ec = ElementClass.of(type, doc);
        byName.put(ec.name(), ec);
        primary.put(ec.name(), ec);
        for (String alias : ec.aliases()) {
            byName.put(alias, ec);
        }
        return this;
    }

    public ElementRegistry register(Class<? extends Element> type) {
        return register(type, "");
    }

    /** The class of that name (or alias), or null. */
    public ElementClass find(String name) {
        return byName.get(name);
    }

    /** Every class once, by name. */
    public Collection<ElementClass> all() {
        return primary.values();
    }

    /** The known name closest to {@code name}, or null if none is close. */
    public String suggest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byName.keySet()) {
            int d = editDistance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(1, name.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
