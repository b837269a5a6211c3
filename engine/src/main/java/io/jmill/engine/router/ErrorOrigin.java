package io.jmill.engine.router;

import io.jmill.engine.element.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * Which element's code an exception came from: the innermost frame of its stack trace whose class
 * is the class of an element of the router (or a specialized copy of that class, whose name is the
 * same up to a {@code /} suffix). The task that reports an error is its source; the element that
 * threw is usually further downstream.
 */
final class ErrorOrigin {
    private ErrorOrigin() {
    }

    /**
     * {@code "element t (ThrowOnce)"}, {@code "element of class X: one of a, b"}, or the empty
     * string if no frame belongs to an element class.
     */
    static String describe(Throwable error, List<Element> elements) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String cls = frame.getClassName();
            int slash = cls.indexOf('/');
            String base = slash < 0 ? cls : cls.substring(0, slash);
            List<Element> matches = new ArrayList<>();
            for (Element e : elements) {
                if (e.getClass().getName().equals(base)) {
                    matches.add(e);
                }
            }
            if (matches.size() == 1) {
                return "element " + matches.getFirst().name() + " (" + matches.getFirst().className() + ")";
            }
            if (!matches.isEmpty()) {
                List<String> names = matches.stream().map(Element::name).toList();
                return "an element of class " + matches.getFirst().className() + " (one of " + String.join(", ", names) + ")";
            }
        }
        return "";
    }
}
