package io.jmill.engine.lang;

import java.util.Objects;

/**
 * A connection of the flattened router graph: output port {@code fromPort} of element {@code from}
 * to input port {@code toPort} of element {@code to}. Both names are {@link FlatElement#name()}s;
 * compound ports have already been resolved away.
 *
 * @param location the {@code ->} of the connection as written (for a connection entering a
 *                 compound: the outside arrow)
 */
public record FlatConnection(String from, int fromPort, String to, int toPort, Location location) {

    public FlatConnection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(location, "location");
    }
}
