package io.jmill.engine.element;

/** One end of a connection: an element and one of its ports. */
public record PortRef(Element element, int port) {
    @Override
    public String toString() {
        return element.name() + "[" + port + "]";
    }
}
