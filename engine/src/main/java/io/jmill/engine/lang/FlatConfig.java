package io.jmill.engine.lang;

import java.util.List;

/**
 * The result of {@link ClickParser}: a flat router graph with no compound elements left.
 *
 * @param elements     in declaration order (a compound instance's inner elements take its place)
 * @param connections  in source order: the connections of a body as written, followed by those
 *                     inside each compound instance it declares
 * @param requirements {@code require(...)} items other than {@code library}, in source order
 */
public record FlatConfig(List<FlatElement> elements, List<FlatConnection> connections,
                         List<Requirement> requirements) {

    public FlatConfig {
        elements = List.copyOf(elements);
        connections = List.copyOf(connections);
        requirements = List.copyOf(requirements);
    }
}
