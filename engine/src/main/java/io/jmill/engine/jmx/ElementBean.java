package io.jmill.engine.jmx;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
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
 * One element as an MBean: each read handler is a String attribute, each write handler an
 * operation of the same name taking the value as its one String parameter. A read/write handler
 * is both, and its attribute is writable too (jconsole then lets you edit it in place).
 */
final class ElementBean extends DynamicBean {
    private final Element element;
    // Handlers are fixed once the router is built, so the MBeanInfo is computed once and the
    // calls look handlers up in the same snapshot: what the info promises is what works.
    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final MBeanInfo info;

    ElementBean(Router router, Element element) {
        this.element = element;
        for (Handler h : router.handlers(element).all()) {
            handlers.put(h.name(), h);
        }
        this.info = describe(element, router.elementClass(element));
    }

    private MBeanInfo describe(Element e, ElementClass ec) {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        List<MBeanOperationInfo> operations = new ArrayList<>();
        for (Handler h : handlers.values()) {
            if (h.readable()) {
                attributes.add(new MBeanAttributeInfo(h.name(), String.class.getName(),
                        "Read handler " + e.name() + "." + h.name()
                                + (h.writable() ? " (read/write: setting it writes the handler)" : ""),
                        true, h.writable(), false));
            }
            if (h.writable()) {
                operations.add(new MBeanOperationInfo(h.name(),
                        "Write handler " + e.name() + "." + h.name() + ": writes the value (text, as on the command line)",
                        new MBeanParameterInfo[] {
                                new MBeanParameterInfo("value", String.class.getName(), "the value to write")},
                        "void", MBeanOperationInfo.ACTION));
            }
        }
        String synopsis = ec == null ? "" : ec.synopsis();
        String declaration = e.name() + " :: " + e.className()
                + (e.configText().isEmpty() ? "" : "(" + e.configText() + ")");
        String description = "Element " + declaration + (synopsis.isEmpty() ? "" : ". " + synopsis);
        ImmutableDescriptor descriptor = new ImmutableDescriptor(Map.of(
                "immutableInfo", "true",
                "elementName", e.name(),
                "elementClass", e.className(),
                "config", e.configText(),
                "location", String.valueOf(e.location())));
        return new MBeanInfo(e.getClass().getName(), description,
                attributes.toArray(new MBeanAttributeInfo[0]), new MBeanConstructorInfo[0],
                operations.toArray(new MBeanOperationInfo[0]), new MBeanNotificationInfo[0], descriptor);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        Handler h = handlers.get(name);
        if (h == null || !h.readable()) {
            throw new AttributeNotFoundException("element '" + element.name() + "' has no read handler '" + name + "'");
        }
        return HandlerCalls.read(path(name), h);
    }

    @Override
    public void setAttribute(Attribute attribute)
            throws AttributeNotFoundException, InvalidAttributeValueException, MBeanException {
        String name = attribute.getName();
        Handler h = handlers.get(name);
        if (h == null || !h.readable()) {
            throw new AttributeNotFoundException("element '" + element.name() + "' has no read handler '" + name + "'");
        }
        if (!h.writable()) {
            throw new AttributeNotFoundException("read-only attribute: handler " + path(name) + " cannot be written");
        }
        if (attribute.getValue() != null && !(attribute.getValue() instanceof String)) {
            throw new InvalidAttributeValueException("handler " + path(name) + " takes text, not "
                    + attribute.getValue().getClass().getName());
        }
        HandlerCalls.write(path(name), h, (String) attribute.getValue());
    }

    @Override
    public Object invoke(String operation, Object[] params, String[] signature)
            throws MBeanException, ReflectionException {
        Handler h = handlers.get(operation);
        if (h == null || !h.writable()) {
            throw new ReflectionException(new NoSuchMethodException(operation),
                    "element '" + element.name() + "' has no write handler '" + operation + "'");
        }
        // Click's action handlers (reset, stop) ignore their value, and command-style clients
        // call them without one; an absent value is written as "".
        if (params != null && params.length > 1) {
            throw new ReflectionException(new NoSuchMethodException(operation),
                    "write handler " + path(operation) + " takes one value, not " + params.length);
        }
        Object value = params == null || params.length == 0 ? "" : params[0];
        if (value != null && !(value instanceof String)) {
            throw HandlerCalls.refused("handler " + path(operation) + " takes text, not " + value.getClass().getName());
        }
        HandlerCalls.write(path(operation), h, (String) value);
        return null;
    }

    private String path(String handler) {
        return element.name() + "." + handler;
    }
}
