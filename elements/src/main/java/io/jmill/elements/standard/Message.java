package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Prints a message when the configuration is read.
 *
 * <pre>Message(MESSAGE [, TYPE])</pre>
 *
 * <p>Shows MESSAGE (a string) where the router reports how its elements were configured: under
 * the element's {@code While configuring 'NAME :: Message'} line with {@code jmill click}, as a
 * {@code file:line:col: NAME: MESSAGE} line with {@code jmill run} and {@code jmill check}. TYPE is
 * MESSAGE (the default), WARNING (the text is prefixed with {@code warning: }) or ERROR: then the
 * message is a configuration error and the router does not start. Use it to document a
 * configuration, or to stop one that must not be used. The element has no ports and does nothing
 * else.
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>Message("This configuration is deprecated; use router.click instead.", WARNING)</pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class Message extends Element {

    private enum Type { MESSAGE, WARNING, ERROR }

    public Message(ElementConfig c) {
        super(c);
        String message = c.args().mandatoryPositional("MESSAGE").string("");
        Type type = c.args().positional("TYPE").choice(Type.class, Type.MESSAGE);
        // a bare WARNING or ERROR reads as a keyword: take it as the type
        if (c.args().keyword("WARNING").bool(false)) {
            type = Type.WARNING;
        }
        if (c.args().keyword("ERROR").bool(false)) {
            type = Type.ERROR;
        }
        switch (type) {
            case MESSAGE -> c.args().note(message);
            case WARNING -> c.args().note("warning: " + message);
            case ERROR -> c.args().error(message);
        }
    }
}
