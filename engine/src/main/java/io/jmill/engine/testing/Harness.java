package io.jmill.engine.testing;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one element, or a small graph, by hand: give it packets on its inputs, collect what
 * each output received, read its handlers, and check that no packet leaked.
 *
 * <pre>{@code
 * try (Harness h = Harness.element("Strip(14)")) {
 *     h.push(0, frame);                      // bytes or a Packet
 *     byte[] out = h.outputBytes(0).get(0);   // what output 0 received
 *     assertEquals("1", h.read("count"));     // handler of the element under test
 * }                                           // close(): cleanup, and fails if packets leaked
 * }</pre>
 *
 * Harness inputs are agnostic: pushed into push inputs, queued for pull inputs. Harness outputs
 * collect what is pushed to them; for pull outputs call {@link #pull(int)}. Runs on the calling
 * thread; tasks are not scheduled (call {@link #runTask} to run one batch of a task element).
 *
 * <p>The leak check compares the pool's use at {@link #close()} with its use when the harness
 * was built, so keep one harness open at a time and allocate test packets after building it.
 */
public final class Harness implements AutoCloseable {
    /** Name of the element under test in {@link #element} harnesses. */
    public static final String UNDER_TEST = "e";

    private final Router router;
    private final List<HarnessSource> inputs = new ArrayList<>();
    private final List<HarnessSink> outputs = new ArrayList<>();
    private final int poolInUseBefore;
    private boolean closed;

    private Harness(Router router, int nin, int nout, int poolInUseBefore) {
        this.router = router;
        this.poolInUseBefore = poolInUseBefore;
        for (int i = 0; i < nin; i++) {
            inputs.add((HarnessSource) router.element("in" + i));
        }
        for (int i = 0; i < nout; i++) {
            outputs.add((HarnessSink) router.element("out" + i));
        }
    }

    /** The registry every harness uses: all indexed classes plus the harness's own. */
    public static ElementRegistry registry() {
        return ElementRegistry.load().register(HarnessSource.class).register(HarnessSink.class);
    }

    /**
     * One element, e.g. {@code "Strip(14)"} or {@code "Counter"}, with as many harness inputs and
     * outputs as its class's minimum port counts (at least one each where the class allows).
     */
    public static Harness element(String declaration) throws ConfigException {
        String className = declaration.contains("(") ? declaration.substring(0, declaration.indexOf('(')).strip()
                : declaration.strip();
        ElementClass ec = registry().find(className);
        if (ec == null) {
            throw new IllegalArgumentException("unknown element class " + className);
        }
        int nin = Math.max(ec.ports().minInputs(), ec.ports().maxInputs() > 0 ? 1 : 0);
        int nout = ec.ports().outputsEqualInputs() ? nin
                : Math.max(ec.ports().minOutputs(), ec.ports().maxOutputs() > 0 ? 1 : 0);
        return element(declaration, nin, nout);
    }

    /** One element with exactly {@code nin} inputs and {@code nout} outputs. */
    public static Harness element(String declaration, int nin, int nout) throws ConfigException {
        return graph(UNDER_TEST + " :: " + declaration + ";", nin, nout, UNDER_TEST, UNDER_TEST);
    }

    /**
     * A graph given as Click configuration text in which {@code input [k] -> x} and
     * {@code y -> [k] output} mark the harness's ports, as in a compound element's body.
     */
    public static Harness graph(String body, int nin, int nout) throws ConfigException {
        StringBuilder cfg = new StringBuilder("elementclass HarnessUnderTest__ {\n").append(body).append("\n}\n");
        cfg.append(UNDER_TEST).append(" :: HarnessUnderTest__;\n");
        return build(cfg, nin, nout, UNDER_TEST, UNDER_TEST);
    }

    private static Harness graph(String decl, int nin, int nout, String inTarget, String outSource)
            throws ConfigException {
        return build(new StringBuilder(decl).append('\n'), nin, nout, inTarget, outSource);
    }

    private static Harness build(StringBuilder cfg, int nin, int nout, String inTarget, String outSource)
            throws ConfigException {
        for (int i = 0; i < nin; i++) {
            cfg.append("in").append(i).append(" :: HarnessSource -> [").append(i).append("] ").append(inTarget).append(";\n");
        }
        for (int i = 0; i < nout; i++) {
            cfg.append(outSource).append(" [").append(i).append("] -> out").append(i).append(" :: HarnessSink;\n");
        }
        int before = PacketPool.inUse();
        Router r = new RouterBuilder(registry()).build(ClickParser.parse("<harness>", cfg.toString(), Map.of()));
        return new Harness(r, nin, nout, before);
    }

    public Router router() {
        return router;
    }

    /** The element under test (or a graph element by its flattened name, e.g. {@code e/c}). */
    public Element element() {
        return router.element(UNDER_TEST);
    }

    /** A packet holding {@code bytes}; fails the test if the pool is exhausted. */
    public static Packet packet(byte[] bytes) {
        Packet p = PacketPool.alloc(bytes);
        if (p == null) {
            throw new IllegalStateException("packet pool exhausted");
        }
        return p;
    }

    /** Gives {@code p} to input {@code port}. */
    public Harness push(int port, Packet p) {
        inputs.get(port).inject(p);
        return this;
    }

    public Harness push(int port, byte[] bytes) {
        return push(port, packet(bytes));
    }

    /** Gives the packets to input {@code port} as one batch ({@link io.jmill.engine.element.Element#pushBatch}). */
    public Harness pushBatch(int port, List<Packet> packets) {
        inputs.get(port).injectBatch(packets);
        return this;
    }

    /** Makes a packet of each frame and gives them to input {@code port} as one batch. */
    public Harness pushBatch(int port, byte[]... frames) {
        List<Packet> packets = new ArrayList<>();
        for (byte[] f : frames) {
            packets.add(packet(f));
        }
        return pushBatch(port, packets);
    }

    /**
     * The sizes of the batches output {@code port} has received, in order; packets it received
     * one by one ({@code push}) are not counted here.
     */
    public List<Integer> batches(int port) {
        return List.copyOf(outputs.get(port).batches());
    }

    /** Pulls once through harness output {@code port} (a pull output); returns the packet or null. */
    public Packet pull(int port) {
        return outputs.get(port).pullOnce();
    }

    /** Packets output {@code port} has received so far (still owned by the harness). */
    public List<Packet> output(int port) {
        return List.copyOf(outputs.get(port).received());
    }

    /** The bytes of each packet output {@code port} has received so far. */
    public List<byte[]> outputBytes(int port) {
        List<byte[]> result = new ArrayList<>();
        for (Packet p : outputs.get(port).received()) {
            result.add(p.toByteArray());
        }
        return result;
    }

    /** Number of packets output {@code port} has received. */
    public int count(int port) {
        return outputs.get(port).received().size();
    }

    /** Kills what the outputs hold (to keep long tests small). */
    public void clearOutputs() {
        for (HarnessSink s : outputs) {
            s.cleanup();
        }
    }

    /** Reads a handler of the element under test, or {@code element.handler} if it has a dot. */
    public String read(String handler) throws HandlerException {
        return router.read(handler.contains(".") ? handler : UNDER_TEST + "." + handler);
    }

    public void write(String handler, String value) throws HandlerException {
        router.write(handler.contains(".") ? handler : UNDER_TEST + "." + handler, value);
    }

    /** Runs one batch of task element {@code name} on this thread; returns what it returned. */
    public int runTask(String name) {
        return ((io.jmill.engine.runtime.Task) router.element(name)).runTask();
    }

    /** Packets taken from the pool since the harness was built and not given back. */
    public int leaked() {
        return PacketPool.inUse() - poolInUseBefore;
    }

    /**
     * Cleans up every element (freeing what they and the outputs hold) and fails with
     * {@link AssertionError} if packets leaked.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        router.close();
        int leaked = leaked();
        if (leaked != 0) {
            throw new AssertionError(leaked + " packet(s) leaked (pool in use " + PacketPool.inUse()
                    + ", before " + poolInUseBefore + ")");
        }
    }
}
