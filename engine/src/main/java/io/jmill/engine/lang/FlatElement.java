package io.jmill.engine.lang;

import java.util.Objects;

/**
 * An element of the flattened router graph.
 *
 * @param name      stable flattened name: a declared name ({@code "c"}), an anonymous name
 *                  ({@code "Counter@3"}), or, inside a compound instance, the instance path followed by
 *                  the inner name ({@code "comp/inner"}, {@code "comp/Counter@1"})
 * @param className the primitive element class as written in the configuration (synonyms from
 *                  {@code elementclass New Old;} are resolved); whether it exists is for the router
 *                  to check
 * @param config    the argument text between the parentheses, with comments removed and variables
 *                  substituted, otherwise exactly as written (quotes kept) and trimmed; {@code ""}
 *                  when there were no parentheses. The element's argument parser splits it.
 * @param location  where the element was declared (for elements inside a compound: inside the
 *                  compound's body)
 */
public record FlatElement(String name, String className, String config, Location location) {

    public FlatElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(location, "location");
    }
}
