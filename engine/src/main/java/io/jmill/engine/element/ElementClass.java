package io.jmill.engine.element;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * A known element class: its configuration name, Java type, port counts, processing and manual
 * page (the class's Javadoc, captured at build time).
 */
public record ElementClass(String name, Class<? extends Element> type, PortCountSpec ports,
                           ProcessingSpec processing, List<String> aliases, String doc) {

    /** Reads the {@link ElementInfo} of {@code type}. */
    public static ElementClass of(Class<? extends Element> type, String doc) {
        ElementInfo info = type.getAnnotation(ElementInfo.class);
        if (info == null) {
            throw new IllegalArgumentException(type.getName() + " has no @ElementInfo");
        }
        String name = info.name().isEmpty() ? type.getSimpleName() : info.name();
        return new ElementClass(name, type, PortCountSpec.parse(info.ports()), ProcessingSpec.parse(info.processing()),
                List.of(info.aliases()), doc == null ? "" : doc);
    }

    /**
     * Builds an element. Exceptions thrown by the constructor come out unwrapped (an
     * {@link IllegalArgumentException} is a configuration error with a message for the user).
     */
    public Element instantiate(ElementConfig config) throws Exception {
        Constructor<? extends Element> ctor;
        try {
            ctor = type.getConstructor(ElementConfig.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " lacks a public constructor taking ElementConfig");
        }
        try {
            return ctor.newInstance(config);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** First sentence of the manual page, for listings. */
    public String synopsis() {
        String text = ElementDocs.toPlainText(doc).strip();
        int end = text.indexOf(". ");
        int nl = text.indexOf('\n');
        if (end < 0 || (nl >= 0 && nl < end)) {
            end = nl >= 0 ? nl : text.length();
        } else {
            end++;
        }
        return text.substring(0, end).strip();
    }

    /** The manual page as plain text. */
    public String manual() {
        return ElementDocs.toPlainText(doc);
    }
}
