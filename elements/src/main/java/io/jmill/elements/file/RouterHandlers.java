package io.jmill.elements.file;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;
import io.jmill.engine.handler.HandlerException;

/**
 * Handler calls from an element (FromDump's END_CALL, ToDump's USE_ENCAP_FROM), resolved like
 * Click's: {@code elem.handler} first relative to the caller's compound (so {@code c.count} in
 * {@code r/fd} means {@code r/c.count}), then as written.
 *
 */
final class RouterHandlers {
    private RouterHandlers() {
    }

    static String read(Element self, ElementHost host, String path) throws HandlerException {
        try {
            return host.readHandler(resolve(self, host, path));
        } catch (RuntimeException e) {
            throw new HandlerException("handler '" + path + "' is not available yet");
        }
    }

    static void write(Element self, ElementHost host, String path, String value) throws HandlerException {
        try {
            host.writeHandler(resolve(self, host, path), value);
        } catch (RuntimeException e) {
            throw new HandlerException("handler '" + path + "' failed: " + e);
        }
    }

    /**
     * Checks that the element of {@code elem.handler} exists (a global handler has no element);
     * returns the resolved path.
     */
    static String checkElement(Element self, ElementHost host, String path) throws HandlerException {
        String resolved = resolve(self, host, path);
        int dot = resolved.indexOf('.');
        if (dot > 0 && host.element(resolved.substring(0, dot)) == null) {
            throw new HandlerException("no element '" + path.substring(0, path.indexOf('.')) + "'");
        }
        return resolved;
    }

    static String resolve(Element self, ElementHost host, String path) {
        int dot = path.indexOf('.');
        int slash = self.name().lastIndexOf('/');
        if (dot > 0 && slash > 0) {
            String prefix = self.name().substring(0, slash + 1);
            if (host.element(prefix + path.substring(0, dot)) != null) {
                return prefix + path;
            }
        }
        return path;
    }
}
