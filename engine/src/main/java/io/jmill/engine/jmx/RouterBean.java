package io.jmill.engine.jmx;

import io.jmill.engine.element.Element;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.router.Router;

import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.ImmutableDescriptor;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ReflectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router as an MBean: its state and statistics as typed attributes, each readable global
 * handler ({@code version}, {@code pool}, ...) as a String attribute of the handler's name, and
 * the operations {@code stop()}, {@code readHandler(path)} and {@code writeHandler(path, value)}.
 */
final class RouterBean extends DynamicBean {
    static final String STATE = "State";
    static final String STOP_REASON = "StopReason";
    static final String ELEMENTS = "Elements";
    static final String THREADS = "Threads";
    static final String SOURCE_PACKETS = "SourcePackets";
    static final String SOURCE_BYTES = "SourceBytes";
    static final String DROPS = "Drops";
    static final String TASK_ERRORS = "TaskErrors";
    static final String UPTIME_SECONDS = "UptimeSeconds";

    /** The reason {@link Router#stopReason()} gives after the {@code stop()} operation. */
    static final String STOP_REASON_JMX = "stop requested over JMX";

    private static final MBeanAttributeInfo[] FIXED = {
            attribute(STATE, String.class, "ready (built, not started), running, stopping (stop requested;"
                    + " workers end at their next batch boundary) or stopped"),
            attribute(STOP_REASON, String.class, "why the router stopped; null while it runs"),
            attribute(ELEMENTS, String[].class, "element names in configuration order"),
            attribute(THREADS, int.class, "worker threads started"),
            attribute(SOURCE_PACKETS, long.class, "packets emitted by source elements"),
            attribute(SOURCE_BYTES, long.class, "bytes emitted by source elements"),
            attribute(DROPS, long.class, "packets dropped for lack of room, plus failed pool allocations"),
            attribute(TASK_ERRORS, long.class, "exceptions that escaped task batches (each lost its batch)"),
            attribute(UPTIME_SECONDS, double.class, "seconds since the workers started; 0 before"),
    };

    private final Router router;
    // Global handlers are registered when the router is built; snapshot them like ElementBean does.
    private final Map<String, Handler> globals = new LinkedHashMap<>();
    private final MBeanInfo info;

    RouterBean(Router router, String routerName) {
        this.router = router;
        List<MBeanAttributeInfo> attributes = new ArrayList<>(List.of(FIXED));
        for (Handler h : router.globalHandlers().all()) {
            if (h.readable() && !isFixed(h.name())) {
                globals.put(h.name(), h);
                attributes.add(new MBeanAttributeInfo(h.name(), String.class.getName(),
                        "Global read handler " + h.name() + (h.writable() ? " (read/write)" : ""),
                        true, h.writable(), false));
            }
        }
        MBeanOperationInfo[] operations = {
                new MBeanOperationInfo("stop", "Stops the router: workers end at their next batch boundary",
                        new MBeanParameterInfo[0], "void", MBeanOperationInfo.ACTION),
                new MBeanOperationInfo("readHandler", "Reads a handler: element.handler, or a global handler",
                        new MBeanParameterInfo[] {textParameter("path", "element.handler, or a global handler name")},
                        String.class.getName(), MBeanOperationInfo.INFO),
                new MBeanOperationInfo("writeHandler", "Writes a value to a handler: element.handler, or a global handler",
                        new MBeanParameterInfo[] {textParameter("path", "element.handler, or a global handler name"),
                                textParameter("value", "the value to write")},
                        "void", MBeanOperationInfo.ACTION),
        };
        this.info = new MBeanInfo(Router.class.getName(),
                "JMill router '" + routerName + "' (" + router.elements().size() + " elements)",
                attributes.toArray(new MBeanAttributeInfo[0]), new MBeanConstructorInfo[0], operations,
                new MBeanNotificationInfo[0], new ImmutableDescriptor("immutableInfo=true"));
    }

    private static MBeanAttributeInfo attribute(String name, Class<?> type, String description) {
        return new MBeanAttributeInfo(name, type.getName(), description, true, false, false);
    }

    private static MBeanParameterInfo textParameter(String name, String description) {
        return new MBeanParameterInfo(name, String.class.getName(), description);
    }

    private static boolean isFixed(String name) {
        for (MBeanAttributeInfo a : FIXED) {
            if (a.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        return switch (name) {
            case STATE -> state(router);
            case STOP_REASON -> router.stopReason();
            case ELEMENTS -> router.elements().stream().map(Element::name).toArray(String[]::new);
            case THREADS -> router.threads();
            case SOURCE_PACKETS -> router.sourcePackets();
            case SOURCE_BYTES -> router.sourceBytes();
            case DROPS -> router.drops();
            case TASK_ERRORS -> router.taskErrors();
            case UPTIME_SECONDS -> router.elapsedNanos() / 1e9;
            default -> {
                Handler h = globals.get(name);
                if (h == null) {
                    throw new AttributeNotFoundException("router has no attribute or global read handler '" + name + "'");
                }
                yield HandlerCalls.read(name, h);
            }
        };
    }

    /** The router's run state: ready, running, stopping (workers still finishing) or stopped. */
    static String state(Router router) {
        if (!router.stopping()) {
            return router.started() ? "running" : "ready";
        }
        return router.stopped() ? "stopped" : "stopping";
    }

    @Override
    public void setAttribute(Attribute attribute)
            throws AttributeNotFoundException, InvalidAttributeValueException, MBeanException {
        String name = attribute.getName();
        Handler h = globals.get(name);
        if (h == null && !isFixed(name)) {
            throw new AttributeNotFoundException("router has no attribute or global read handler '" + name + "'");
        }
        if (h == null || !h.writable()) {
            throw new AttributeNotFoundException("read-only attribute: " + name);
        }
        if (attribute.getValue() != null && !(attribute.getValue() instanceof String)) {
            throw new InvalidAttributeValueException("handler " + name + " takes text, not "
                    + attribute.getValue().getClass().getName());
        }
        HandlerCalls.write(name, h, (String) attribute.getValue());
    }

    @Override
    public Object invoke(String operation, Object[] params, String[] signature)
            throws MBeanException, ReflectionException {
        Object[] p = params == null ? new Object[0] : params;
        switch (operation) {
            case "stop" -> {
                if (p.length == 0) {
                    router.stop(STOP_REASON_JMX);
                    return null;
                }
            }
            case "readHandler" -> {
                if (p.length == 1) {
                    return HandlerCalls.read(router, text(p[0]));
                }
            }
            case "writeHandler" -> {
                if (p.length == 2) {
                    HandlerCalls.write(router, text(p[0]), text(p[1]));
                    return null;
                }
            }
            default -> {
            }
        }
        throw new ReflectionException(new NoSuchMethodException(operation),
                "router has no operation " + operation + " taking " + p.length + " parameter(s)");
    }

    private static String text(Object value) throws MBeanException {
        if (value != null && !(value instanceof String)) {
            throw HandlerCalls.refused("expected text, not " + value.getClass().getName());
        }
        return (String) value;
    }
}
