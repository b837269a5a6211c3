package io.jmill.engine.jmx;

import io.jmill.engine.handler.Handler;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.router.Router;

import javax.management.MBeanException;

/**
 * Calls handlers for a JMX client and turns their failures into {@link MBeanException}s that carry
 * the handler's message.
 *
 * <p>The wrapped causes are JDK exception classes on purpose: a remote client such as jconsole does
 * not have JMill's classes, so a {@link HandlerException} (or an element's own exception) inside
 * the reply would fail to deserialize there, and the user would see an {@code UnmarshalException}
 * instead of the message.
 */
final class HandlerCalls {
    private HandlerCalls() {
    }

    static String read(String path, Handler h) throws MBeanException {
        try {
            return h.read("");
        } catch (HandlerException e) {
            throw refused(e.getMessage());
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    static void write(String path, Handler h, String value) throws MBeanException {
        try {
            h.writer().write(value == null ? "" : value);
        } catch (HandlerException e) {
            throw refused(e.getMessage());
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    /** {@link Router#read} for a path given by the client ({@code element.handler} or global). */
    static String read(Router router, String path) throws MBeanException {
        if (path == null || path.isEmpty()) {
            throw refused("no handler given (expected element.handler or a global handler)");
        }
        try {
            return router.read(path);
        } catch (HandlerException e) {
            throw refused(e.getMessage());
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    /** {@link Router#write} for a path given by the client. */
    static void write(Router router, String path, String value) throws MBeanException {
        if (path == null || path.isEmpty()) {
            throw refused("no handler given (expected element.handler or a global handler)");
        }
        try {
            router.write(path, value == null ? "" : value);
        } catch (HandlerException e) {
            throw refused(e.getMessage());
        } catch (RuntimeException e) {
            throw failed(path, e);
        }
    }

    /** A handler refused the request; {@code message} is for the user, as the handler wrote it. */
    static MBeanException refused(String message) {
        return new MBeanException(new IllegalArgumentException(message), message);
    }

    private static MBeanException failed(String path, RuntimeException e) {
        String message = "handler '" + path + "' failed: " + e;
        return new MBeanException(new IllegalStateException(message), message);
    }
}
