package io.jmill.engine.element;

import io.jmill.engine.args.Args;
import io.jmill.engine.lang.Location;

/**
 * What an element's constructor receives: its name and place in the configuration, its port
 * counts (known from the connections before the element is built, as in Click), and its
 * arguments. The router calls {@link Args#complete()} after the constructor returns, so unknown
 * keywords and bad values are reported even if the constructor did not ask.
 *
 * @param name       flattened element name, e.g. {@code c} or {@code router/Counter@3}
 * @param className  the class name the configuration used
 * @param configText the argument text after variable substitution
 * @param location   where the element was declared
 * @param ninputs    number of input ports (highest connected input + 1)
 * @param noutputs   number of output ports (highest connected output + 1)
 * @param args       the arguments, split Click-style
 * @param batch      the router's batch size: the default burst of sources and tasks
 */
public record ElementConfig(String name, String className, String configText, Location location,
                           int ninputs, int noutputs, Args args, int batch) {
    /** Default batch size (FastClick's). */
    public static final int DEFAULT_BATCH = 32;


    /** A configuration for tests and tools: no location, ports as given. */
    public static ElementConfig of(String name, String className, String configText, int ninputs, int noutputs) {
        return new ElementConfig(name, className, configText, new Location("<test>", 1, 1), ninputs, noutputs,
                new Args(name, configText), DEFAULT_BATCH);
    }
}
