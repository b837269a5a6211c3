package io.jmill.engine.element;

import io.jmill.engine.handler.Handlers;
import io.jmill.engine.lang.Location;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.StringJoiner;

/**
 * Base class of every element. A concrete element class is annotated with {@link ElementInfo}
 * (port counts, processing) and has a public constructor taking an {@link ElementConfig}, in
 * which it reads its arguments into {@code final} fields:
 *
 * <pre>{@code
 * @ElementInfo(ports = "1/1", processing = "a/a")
 * public final class Strip extends SimpleElement {
 *     private final int length;
 *     public Strip(ElementConfig c) {
 *         super(c);
 *         length = c.args().mandatoryPositional("LENGTH").integer(0, 0, 65535);
 *     }
 *     protected Packet simpleAction(Packet p) { p.pull(length); return p; }
 * }
 * }</pre>
 *
 * <p>Push elements override {@link #push}, pull elements {@link #pull}; both hand packets on with
 * {@link #output} and fetch them with {@link #input}. Packets may travel in batches (FastClick's
 * {@code push_batch}): sources hand a whole {@link PacketBatch} on with {@link #outputBatch}, and
 * {@link #pushBatch} receives it; its default pushes the packets one by one, so every element
 * takes batches, and elements where per-batch work pays override it (counters count once per
 * batch, {@link SimpleElement} and {@link ClassifyingElement} process the batch in place and hand
 * it on whole). Mutable state (counters, tables, queues,
 * settings changed by write handlers) belongs in state objects referenced from final fields, so
 * that a specialized copy of the element shares it; configuration stays in final fields, so that
 * it can be folded into constants.
 *
 * <p>Life cycle: constructed (configure), wired by the router, {@link #initialize()}, run,
 * {@link #cleanup()}. Elements that need to be scheduled (sources, {@code Unqueue}) also
 * implement {@link io.jmill.engine.runtime.Task}.
 */
public abstract class Element {
    /** System property that turns batches on: {@code -Djmill.batch=true}. */
    public static final String BATCH_PROPERTY = "jmill.batch";

    /**
     * Whether sources hand packets on in batches ({@link #outputBatch}); off by default, on with
     * {@code -D}{@value #BATCH_PROPERTY}{@code =true}. Either way packets leave every element in
     * the order they came, as in Click. Off, because specialized code (the steady state) measured
     * no faster with batches, and slower on replayed traces; see docs/benchmarks.md ("Batches").
     */
    public static final boolean BATCHES = Boolean.getBoolean(BATCH_PROPERTY);

    private final String name;
    private final String className;
    private final String configText;
    private final Location location;
    private final int ninputs;
    private final int noutputs;

    // Wiring, set once by the router before initialize().
    private PortRef[] outputs;
    private PortRef[] inputs;
    private Processing[] inputProcessing;
    private Processing[] outputProcessing;
    private ElementHost host;

    protected Element(ElementConfig config) {
        this.name = config.name();
        this.className = config.className();
        this.configText = config.configText();
        this.location = config.location();
        this.ninputs = config.ninputs();
        this.noutputs = config.noutputs();
        this.outputs = new PortRef[noutputs];
        this.inputs = new PortRef[ninputs];
    }

    public final String name() {
        return name;
    }

    /** The class name the configuration used (an alias if it used one). */
    public final String className() {
        return className;
    }

    public final String configText() {
        return configText;
    }

    public final Location location() {
        return location;
    }

    public final int ninputs() {
        return ninputs;
    }

    public final int noutputs() {
        return noutputs;
    }

    // ------------------------------------------------------------------ packet flow

    /**
     * Receives a packet pushed into input {@code port}. The element now owns it: it must hand it
     * on ({@link #output}), keep it (a queue), or {@link Packet#kill() kill} it.
     */
    public void push(int port, Packet p) {
        throw new UnsupportedOperationException(name + " (" + className + ") does not accept pushed packets");
    }

    /**
     * Receives a batch of packets pushed into input {@code port}, as if each had been pushed in
     * order with {@link #push}, which is what this default does. The element owns the packets,
     * not the batch: it may reorder, replace and {@link PacketBatch#truncate truncate} the
     * batch's contents below the size it was handed and hand the batch itself on with
     * {@link #outputBatch}, but must not keep it after returning, nor touch it after handing it
     * on. The caller, which owns the batch, must not rely on its contents below that size after
     * the call. If it throws, it has killed the packets it still held, except the one it failed
     * on. Never called with an empty batch.
     */
    public void pushBatch(int port, PacketBatch batch) {
        int n = batch.size();
        int i = 0;
        try {
            for (; i < n; i++) {
                push(port, batch.get(i));
            }
        } catch (Throwable t) {
            batch.kill(i + 1, n); // the packet that failed is lost, as a pushed one would be
            throw t;
        }
    }

    /** Returns a packet from output {@code port} when pulled, or null if it has none. */
    public Packet pull(int port) {
        throw new UnsupportedOperationException(name + " (" + className + ") cannot be pulled");
    }

    /** Pushes {@code p} out of push output {@code port}. */
    protected final void output(int port, Packet p) {
        PortRef to = outputs[port];
        to.element().push(to.port(), p);
    }

    /** Pushes {@code p} out of {@code port} if that output exists, else kills it (Click's checked_output_push). */
    protected final void checkedOutput(int port, Packet p) {
        if (port >= 0 && port < noutputs) {
            output(port, p);
        } else {
            p.kill();
        }
    }

    /**
     * Pushes the packets of {@code batch} (at least one) out of push output {@code port}, as one
     * batch: the receiver owns them from now on, and the batch must not be touched until the
     * call returns; then its contents are undefined (reuse it after {@link PacketBatch#clear()}).
     */
    protected final void outputBatch(int port, PacketBatch batch) {
        PortRef to = outputs[port];
        to.element().pushBatch(to.port(), batch);
    }

    /** Pulls a packet from pull input {@code port}; null if upstream has none. */
    protected final Packet input(int port) {
        PortRef from = inputs[port];
        return from.element().pull(from.port());
    }

    /** True if output {@code port} was resolved to push (false: pull). */
    public final boolean outputIsPush(int port) {
        return outputProcessing[port] == Processing.PUSH;
    }

    /** True if input {@code port} was resolved to push (false: pull). */
    public final boolean inputIsPush(int port) {
        return inputProcessing[port] == Processing.PUSH;
    }

    /** The element and port that output {@code port} pushes to (null for pull outputs). */
    public final PortRef outputTarget(int port) {
        return outputs[port];
    }

    /** The element and port that input {@code port} pulls from (null for push inputs). */
    public final PortRef inputSource(int port) {
        return inputs[port];
    }

    /**
     * Redirects push output {@code port} to {@code target} (profilers insert counting proxies,
     * and take them out again, this way). Takes effect for packets pushed after the call; a
     * batch running concurrently on a worker may still use the previous target.
     */
    public final void setOutputTarget(int port, PortRef target) {
        if (!outputIsPush(port)) {
            throw new IllegalArgumentException(name + " output " + port + " is not a push output");
        }
        outputs[port] = target;
    }

    /** Redirects pull input {@code port} to pull from {@code source}; see {@link #setOutputTarget}. */
    public final void setInputSource(int port, PortRef source) {
        if (inputIsPush(port)) {
            throw new IllegalArgumentException(name + " input " + port + " is not a pull input");
        }
        inputs[port] = source;
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Called once after the whole graph is built and checked, before any packet moves. Throw to
     * refuse to start; the message is reported with the element's name and location.
     */
    public void initialize() throws Exception {
    }

    /** Called once when the router stops: free packets the element still holds. */
    public void cleanup() {
    }

    /** Adds this element's own handlers; the router adds the common ones (name, class, config, ports, handlers). */
    public void addHandlers(Handlers h) {
    }

    /** The router services this element may use at run time (stop the router, find elements). */
    protected final ElementHost host() {
        return host;
    }

    /**
     * The element a configuration argument names, found as Click finds it: first in this
     * element's compound ({@code a/b/x} naming {@code t} finds {@code a/b/t}), then in each
     * enclosing compound, then at top level; null if there is none. For {@link #initialize()}
     * and later (the router must be built).
     */
    protected final Element findElement(String target) {
        String context = name;
        for (int slash = context.lastIndexOf('/'); slash > 0; slash = context.lastIndexOf('/', slash - 1)) {
            Element e = host.element(context.substring(0, slash + 1) + target);
            if (e != null) {
                return e;
            }
        }
        return host.element(target);
    }

    /**
     * When {@code target} names a compound element rather than an element: the name prefix
     * ({@code a/b/t/}) of the elements inside it, looked for in the order of {@link #findElement};
     * null if no compound of that name has elements.
     */
    protected final String findCompound(String target) {
        String context = name;
        for (int slash = context.lastIndexOf('/'); ; slash = context.lastIndexOf('/', slash - 1)) {
            String prefix = (slash > 0 ? context.substring(0, slash + 1) : "") + target + "/";
            for (Element e : host.elements()) {
                if (e.name.startsWith(prefix)) {
                    return prefix;
                }
            }
            if (slash <= 0) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ wiring (router only)

    /** Wires the element; called once by the router. */
    public final void wire(PortRef[] outputs, PortRef[] inputs, Processing[] inputProcessing,
                           Processing[] outputProcessing, ElementHost host) {
        if (this.host != null) {
            throw new IllegalStateException(name + " is already wired");
        }
        this.outputs = outputs.clone();
        this.inputs = inputs.clone();
        this.inputProcessing = inputProcessing.clone();
        this.outputProcessing = outputProcessing.clone();
        this.host = host;
    }

    /** Click's port description, e.g. {@code 1 input (push), 2 outputs (push, pull)}. */
    public final String describePorts() {
        return describe(ninputs, "input", inputProcessing) + "\n" + describe(noutputs, "output", outputProcessing);
    }

    private static String describe(int n, String what, Processing[] proc) {
        StringJoiner j = new StringJoiner(", ", n + " " + what + (n == 1 ? "" : "s") + " (", ")");
        for (int i = 0; i < n; i++) {
            j.add(proc == null ? "?" : proc[i].word());
        }
        return n == 0 ? "0 " + what + "s" : j.toString();
    }

    @Override
    public String toString() {
        return name + " :: " + className;
    }
}
