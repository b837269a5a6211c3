package io.jmill.engine.args;

import java.util.List;

/**
 * Everything wrong with one element's configuration, thrown once by {@link Args#complete()}.
 *
 * <p>Each entry of {@link #errors()} is one short message naming the argument, such as
 * {@code "LIMIT: expected integer, got 'x'"}, without the element name or source location: the caller that
 * built the element knows those and prefixes them when reporting. {@link #getMessage()} joins the entries with
 * {@code "; "}.
 */
public final class ArgsException extends Exception {
    private final String elementName;
    private final List<String> errors;

    /**
     * @param elementName the element whose configuration failed (not part of the message)
     * @param errors the messages, at least one
     */
    public ArgsException(String elementName, List<String> errors) {
        super(String.join("; ", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an ArgsException needs at least one error");
        }
        this.elementName = elementName;
        this.errors = List.copyOf(errors);
    }

    /** The individual error messages, in the order they were found. */
    public List<String> errors() {
        return errors;
    }

    /** The name of the element whose configuration failed, as given to {@link Args#Args(String, String)}. */
    public String elementName() {
        return elementName;
    }
}
