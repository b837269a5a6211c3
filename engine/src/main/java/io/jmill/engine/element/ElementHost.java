package io.jmill.engine.element;

/** What the router offers elements at run time. */
public interface ElementHost {
    /**
     * Asks the router to stop (Click's {@code router->please_stop_driver()}); returns at once. If a
     * driver script intercepts stop requests, the request steps the script instead, and the script
     * decides when to stop.
     */
    void stop(String reason);

    /** Stops the router unconditionally (a driver script's own {@code stop}, a time-out, Ctrl-C). */
    void stopNow(String reason);

    /**
     * Routes every later {@link #stop} request to {@code driver} (Click's DriverManager): at most
     * one driver per router.
     *
     * @throws IllegalStateException if another driver is registered
     */
    void interceptStopRequests(java.util.function.Consumer<String> driver);

    /** The element of that flattened name, or null. */
    Element element(String name);

    /** Every element of the router, in configuration order. */
    java.util.List<Element> elements();

    /**
     * Schedules {@code task} again after it returned {@link io.jmill.engine.runtime.Task#DONE}
     * (e.g. a source whose limit was raised through a handler). No effect if it is not done.
     */
    void reschedule(Element task);

    /** True once a stop has been requested. */
    boolean stopping();

    /**
     * Finds handler {@code element.handler} (or a global handler such as {@code list}) without
     * calling it, to check whether it exists and how it may be used.
     *
     * @throws io.jmill.engine.handler.HandlerException naming the missing element or handler
     */
    io.jmill.engine.handler.Handler handler(String path) throws io.jmill.engine.handler.HandlerException;

    /** Reads handler {@code element.handler} (or a global handler such as {@code list}). */
    String readHandler(String path) throws io.jmill.engine.handler.HandlerException;

    /** Reads handler {@code element.handler} with parameters; a handler that takes none refuses any. */
    default String readHandler(String path, String params) throws io.jmill.engine.handler.HandlerException {
        if (params != null && !params.isEmpty()) {
            throw new io.jmill.engine.handler.HandlerException("handler '" + path + "' takes no parameters");
        }
        return readHandler(path);
    }

    /** Writes {@code value} to handler {@code element.handler} (or a global one such as {@code stop}). */
    void writeHandler(String path, String value) throws io.jmill.engine.handler.HandlerException;
}
