package io.jmill.engine.router;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementHost;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.args.AddressNames;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.ObservingTask;
import io.jmill.engine.runtime.PipelineSlot;
import io.jmill.engine.runtime.TaskErrorListener;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.ThreadBoundary;
import io.jmill.engine.runtime.ThreadSched;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.Worker;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.runtime.WorkerThread;
import io.jmill.layout.CloneFields;
import io.jmill.layout.PacketPool;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A built router: checked, wired and initialized elements, ready to run.
 *
 * <pre>{@code
 * Router r = new RouterBuilder(ElementRegistry.load()).build(ClickParser.parseFile(path, vars));
 * r.start(1);                       // one worker thread
 * r.awaitStop(10, TimeUnit.SECONDS); // until a source stops it, end of input, or time-out
 * r.stop("done");
 * r.close();                        // joins workers, cleans up elements (frees held packets)
 * }</pre>
 *
 * <p>The router stops when {@link #stop} is called (the {@code stop} handler, a source's STOP,
 * {@code --duration}), when an {@link Error} escapes a task, or at the end of input: every source
 * task has finished and no task has moved a packet for {@value #QUIET_MILLIS} ms.
 */
public final class Router implements ElementHost {
    static final long QUIET_MILLIS = 50;
    private static final int MAX_REPORTED_ERRORS = 10;

    private final List<Element> elements;
    private final Map<String, Element> byName = new LinkedHashMap<>();
    private final List<Connection> connections;
    private final int batch;
    private final Map<Element, Handlers> handlers = new LinkedHashMap<>();
    private final Handlers globalHandlers = new Handlers();
    private List<String> requirements = List.of();
    private List<ConfigError> notes = List.of();
    private AddressNames addressNames = new AddressNames();
    private Map<Element, ElementClass> classes = Map.of();

    private final List<ScheduledTask> tasks = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private volatile List<Thread> threads = List.of();
    private volatile boolean stopping;
    private volatile java.util.function.Consumer<String> driver;
    private boolean endOfInputSignalled;
    private volatile String stopReason;
    private final Object stopLock = new Object();
    private final AtomicLong taskErrors = new AtomicLong();
    private volatile Throwable firstError;
    private PrintStream errorLog = System.err;
    private final List<TaskErrorListener> errorListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long startNanos;
    private boolean closed;

    Router(List<Element> elements, List<Connection> connections, int batch) {
        this.elements = List.copyOf(elements);
        this.connections = List.copyOf(connections);
        this.batch = batch;
        for (Element e : elements) {
            byName.put(e.name(), e);
        }
    }

    void finishBuild(Map<Element, ElementClass> classes) {
        this.classes = Map.copyOf(classes);
        // Tasks and their pipeline slots exist from the start, so code can be swapped in before
        // the first packet (specializing from a saved profile).
        Map<Element, ScheduledTask> taskOf = new HashMap<>();
        for (Element e : elements) {
            if (e instanceof Task) {
                ScheduledTask t = new ScheduledTask(e);
                tasks.add(t);
                taskOf.put(e, t);
            }
        }
        for (Element e : elements) {
            Handlers h = new Handlers();
            ScheduledTask task = taskOf.get(e);
            if (task != null) {
                h.readLong("home_thread", task::worker); // Click's name: the worker that runs it (-1 before start)
            }
            // Click's handler: the workers that can run the element's code (see ThreadPaths)
            h.read("passing_threads", () -> ThreadPaths.unparse(threadPaths().passing(e)));
            h.read("name", e::name);
            h.read("class", e::className);
            h.read("config", e::configText);
            h.read("ports", e::describePorts);
            e.addHandlers(h);
            h.read("handlers", () -> {
                StringJoiner j = new StringJoiner("\n");
                for (Handler x : h.all()) {
                    j.add(x.name() + "\t" + x.mode());
                }
                return j.toString();
            });
            handlers.put(e, h);
        }
        globalHandlers.write("stop", v -> stop("stop handler"));
        globalHandlers.read("list", () -> {
            StringJoiner j = new StringJoiner("\n", elements.size() + "\n", "");
            elements.forEach(e -> j.add(e.name()));
            return j.toString();
        });
        globalHandlers.read("flatconfig", this::flatConfig);
        globalHandlers.read("config", () -> ClickUnparser.unparse(requirements, elements, connections));
        globalHandlers.read("version", () -> RouterBuilder.VERSION);
        globalHandlers.readLong("threads", this::threads);
        globalHandlers.readLong("task_errors", taskErrors::get);
        globalHandlers.read("pool", PacketPool::describe);
        globalHandlers.read("now", () -> {
            long t = WorkerClock.wallNanos();
            return String.format("%d.%09d", Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
        });
    }

    // ------------------------------------------------------------------ graph

    /** Elements in configuration order. */
    public List<Element> elements() {
        return elements;
    }

    @Override
    public Element element(String name) {
        return byName.get(name);
    }

    public List<Connection> connections() {
        return connections;
    }

    /** The element class an element was built from. */
    public ElementClass elementClass(Element e) {
        return classes.get(e);
    }

    public int batch() {
        return batch;
    }

    /** The flattened configuration, in Click syntax. */
    public String flatConfig() {
        StringBuilder sb = new StringBuilder();
        for (Element e : elements) {
            sb.append(e.name()).append(" :: ").append(e.className());
            if (!e.configText().isEmpty()) {
                sb.append('(').append(e.configText()).append(')');
            }
            sb.append(";\n");
        }
        for (Connection c : connections) {
            sb.append(c).append(";\n");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ handlers

    /** The handlers of {@code e}. */
    public Handlers handlers(Element e) {
        return handlers.get(e);
    }

    /** The router's own handlers ({@code stop}, {@code list}, {@code flatconfig}, ...). */
    public Handlers globalHandlers() {
        return globalHandlers;
    }

    /** Finds {@code element.handler} or a global {@code handler}. */
    @Override
    public Handler handler(String path) throws HandlerException {
        int dot = path.indexOf('.');
        if (dot < 0) {
            Handler h = globalHandlers.get(path);
            if (h == null) {
                throw new HandlerException("no global handler '" + path + "'");
            }
            return h;
        }
        String en = path.substring(0, dot);
        String hn = path.substring(dot + 1);
        Element e = byName.get(en);
        if (e == null) {
            throw new HandlerException("no element '" + en + "'");
        }
        Handler h = handlers.get(e).get(hn);
        if (h == null) {
            throw new HandlerException("element '" + en + "' has no handler '" + hn + "'");
        }
        return h;
    }

    /** Reads {@code element.handler} (or a global handler). */
    public String read(String path) throws HandlerException {
        return read(path, "");
    }

    /** The AddressInfo names of the configuration, in force while handlers run. */
    void useNotes(List<ConfigError> notes) {
        this.notes = List.copyOf(notes);
    }

    /**
     * What elements said while they were configured without it being an error (a Message element's
     * text, a warning), in element order; {@link ConfigError#configuring()} names each one's class.
     */
    public List<ConfigError> configurationNotes() {
        return notes;
    }

    /** The configuration's {@code require(...)} items as written, for the {@code config} handler. */
    void useRequirements(List<String> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    void useAddressNames(AddressNames names) {
        this.addressNames = names;
    }

    /** Reads {@code element.handler} with parameters (Click's {@code routing_table.lookup 1.0.0.1}). */
    public String read(String path, String params) throws HandlerException {
        try (AddressNames.Scope names = addressNames.install()) {
            return readInScope(path, params);
        }
    }

    private String readInScope(String path, String params) throws HandlerException {
        Handler h = handler(path);
        if (!h.readable()) {
            throw new HandlerException("handler '" + path + "' is write-only");
        }
        if (params != null && !params.isEmpty() && h.paramReader() == null) {
            throw new HandlerException("handler '" + path + "' takes no parameters");
        }
        return h.read(params);
    }

    @Override
    public String readHandler(String path) throws HandlerException {
        return read(path);
    }

    @Override
    public String readHandler(String path, String params) throws HandlerException {
        return read(path, params);
    }

    @Override
    public void writeHandler(String path, String value) throws HandlerException {
        write(path, value);
    }

    /** Writes {@code value} to {@code element.handler} (or a global handler). */
    public void write(String path, String value) throws HandlerException {
        Handler h = handler(path);
        if (!h.writable()) {
            throw new HandlerException("handler '" + path + "' is read-only");
        }
        try (AddressNames.Scope names = addressNames.install()) {
            h.writer().write(value);
        }
    }

    // ------------------------------------------------------------------ running

    /** Where task exceptions are reported (default standard error). */
    public void errorLog(PrintStream out) {
        this.errorLog = out;
    }

    /** Tells {@code listener} about every exception that escapes a task's batch (on the worker thread). */
    public void addTaskErrorListener(TaskErrorListener listener) {
        errorListeners.add(listener);
    }

    public void removeTaskErrorListener(TaskErrorListener listener) {
        errorListeners.remove(listener);
    }

    /** Longest a worker with nothing to do sleeps before polling again. */
    static final long MAX_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /**
     * Starts {@code nthreads} workers with a backing-off idle strategy: spin, yield, then park
     * for at most {@value #MAX_IDLE_PARK_NANOS} ns. The cap matters for pull paths split over
     * threads: a 1000-packet queue fills in well under a millisecond at line rate, so a consumer
     * that slept that long would find it overflowing.
     */
    public void start(int nthreads) {
        start(nthreads, () -> new BackoffIdleStrategy(1000, 100, TimeUnit.MICROSECONDS.toNanos(1),
                MAX_IDLE_PARK_NANOS));
    }

    /** Starts {@code nthreads} workers; task elements are spread over them (see {@link #assignWorkers}). */
    public synchronized void start(int nthreads, Supplier<IdleStrategy> idle) {
        if (nthreads < 1) {
            throw new IllegalArgumentException("need at least one thread, not " + nthreads);
        }
        if (started() || closed) {
            throw new IllegalStateException("router already started");
        }
        assignWorkers(nthreads);
        ThreadPaths paths = new ThreadPaths(connections, tasks, nthreads);
        for (Element e : elements) {
            if (e instanceof ThreadBoundary b) {
                b.threadsPlaced(paths.pushing(e), paths.home(e), nthreads);
            }
        }
        startNanos = System.nanoTime();
        List<Thread> created = new ArrayList<>();
        for (int w = 0; w < nthreads; w++) {
            Worker worker = new Worker(w, tasks, idle.get(), () -> stopping, this::taskFailed);
            workers.add(worker);
            Thread t = new WorkerThread(worker, "jmill-worker-" + w);
            t.setDaemon(true);
            created.add(t);
        }
        threads = List.copyOf(created);
        threads.forEach(Thread::start);
    }

    /** The thread walk over the current task placement (no worker before the router starts). */
    private ThreadPaths threadPaths() {
        return new ThreadPaths(connections, tasks, Math.max(1, threads()));
    }

    /**
     * Places each task on a worker: where a {@link ThreadSched} element of the configuration puts
     * it. If the thread schedulers placed at least one task, the tasks none of them places run on
     * worker 0, as in Click (a configuration that places its tasks says where each one goes).
     * Otherwise the router spreads them, so that a configuration without a scheduler (one pipeline
     * per NIC queue) uses every worker: the tasks that will have packets to move (sources, and
     * tasks that pull) round-robin, each on the worker with the fewest of them so far, and then
     * the others (tasks with only push inputs, such as a pushed-to {@code Discard}, finish at
     * their first run) the same way.
     */
    private void assignWorkers(int nthreads) {
        List<ThreadSched> scheds = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof ThreadSched s) {
                scheds.add(s);
            }
        }
        int[] busy = new int[nthreads];
        List<ScheduledTask> unplaced = new ArrayList<>();
        for (ScheduledTask t : tasks) {
            int w = -1;
            for (ThreadSched s : scheds) {
                int p = s.threadFor(t.element(), nthreads);
                if (p >= 0) {
                    w = p;
                }
            }
            if (w >= nthreads) {
                throw new IllegalStateException(t + ": a thread scheduler placed it on worker " + w + " of " + nthreads);
            }
            if (w >= 0) {
                t.assignWorker(w);
                busy[w] += movesPackets(t) ? 1 : 0;
            } else {
                unplaced.add(t);
            }
        }
        if (unplaced.size() < tasks.size()) {
            for (ScheduledTask t : unplaced) {
                t.assignWorker(0);
            }
            unplaced.clear();
        }
        for (boolean active : new boolean[] {true, false}) {
            for (ScheduledTask t : unplaced) {
                if (movesPackets(t) == active) {
                    int w = 0;
                    for (int i = 1; i < nthreads; i++) {
                        if (busy[i] < busy[w]) {
                            w = i;
                        }
                    }
                    t.assignWorker(w);
                    busy[w]++;
                }
            }
        }
        for (ThreadSched s : scheds) {
            s.placed(tasks, nthreads);
        }
    }

    /** Whether a task will move packets: a source, or a task with a pull input. */
    private static boolean movesPackets(ScheduledTask t) {
        Element e = t.element();
        for (int i = 0; i < e.ninputs(); i++) {
            if (!e.inputIsPush(i)) {
                return true;
            }
        }
        return e.ninputs() == 0;
    }

    private void taskFailed(ScheduledTask task, Throwable error) {
        long n = taskErrors.incrementAndGet();
        // Code swapped into a slot (specialized code) that throws is withdrawn at once: the
        // generic path is the reference, and the listener records why.
        PipelineSlot slot = task.slot();
        boolean reverted = false;
        if (ObservingTask.innermost(slot.current()) != slot.generic()) {
            slot.revert();
            reverted = true;
        }
        for (TaskErrorListener l : errorListeners) {
            l.taskFailed(task, error);
        }
        if (reverted) {
            errorLog.println("jmill: task " + task.element().name() + ": swapped-in code threw " + error
                    + "; reverted to the generic path");
        }
        if (firstError == null) {
            firstError = error;
        }
        if (n <= MAX_REPORTED_ERRORS || Long.bitCount(n) == 1) {
            StackTraceElement top = error.getStackTrace().length > 0 ? error.getStackTrace()[0] : null;
            String origin = ErrorOrigin.describe(error, elements);
            errorLog.println("jmill: task " + task.element().name() + ": " + (origin.isEmpty() ? "" : origin + " threw ")
                    + error + (top == null ? "" : " at " + top) + " (batch lost; error " + n + ")");
        }
        if (error instanceof Error) {
            stopNow("fatal error in task " + task.element().name() + ": " + error);
        }
    }

    @Override
    public void stop(String reason) {
        java.util.function.Consumer<String> d = driver;
        if (d != null && !stopping) {
            d.accept(reason);
            return;
        }
        stopNow(reason);
    }

    @Override
    public void interceptStopRequests(java.util.function.Consumer<String> newDriver) {
        synchronized (stopLock) {
            if (driver != null) {
                throw new IllegalStateException("the router already has a driver script");
            }
            driver = newDriver;
        }
    }

    @Override
    public void stopNow(String reason) {
        synchronized (stopLock) {
            if (!stopping) {
                stopReason = reason;
                stopping = true;
                stopLock.notifyAll();
            }
        }
    }

    @Override
    public void reschedule(Element task) {
        for (ScheduledTask t : tasks) {
            if (t.element() == task) {
                t.reschedule();
            }
        }
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    /** True once {@link #start} has run. */
    public boolean started() {
        return !threads.isEmpty();
    }

    /** True once a stop was requested and every worker has exited (or none was ever started). */
    public boolean stopped() {
        return stopping && threads.stream().noneMatch(Thread::isAlive);
    }

    /** Number of worker threads (0 before {@link #start}). */
    public int threads() {
        return threads.size();
    }

    /** Why the router stopped (null while running). */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Waits until the router stops by itself (stop request, fatal error, end of input) or the
     * time-out passes; returns true if it stopped.
     */
    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long lastWork = -1;
        long quietSince = System.nanoTime();
        long[] loopsWhenQuiet = new long[workers.size()];
        while (!stopping) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            long work = totalWork();
            if (work != lastWork) {
                lastWork = work;
                quietSince = now;
                for (int i = 0; i < loopsWhenQuiet.length; i++) {
                    loopsWhenQuiet[i] = workers.get(i).loops();
                }
            } else if (!endOfInputSignalled && endOfInput()
                    && now - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
                    && everyWorkerPassedSince(loopsWhenQuiet)) {
                endOfInputSignalled = true; // once: a driver script may take it as a step and go on
                stop("end of input");
                if (stopping) {
                    break;
                }
            }
            synchronized (stopLock) {
                if (!stopping) {
                    stopLock.wait(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
                }
            }
        }
        return true;
    }

    private boolean endOfInput() {
        boolean anySource = false;
        for (ScheduledTask t : tasks) {
            if (t.isSource()) {
                anySource = true;
                if (!t.done()) {
                    return false;
                }
            }
        }
        return anySource;
    }

    /**
     * True if every worker has been over its whole task list at least twice since {@code loops}
     * was taken: quiet time alone does not show that a task has nothing left, since a worker that
     * lost its core (a loaded machine) does no work either.
     */
    private boolean everyWorkerPassedSince(long[] loops) {
        for (int i = 0; i < loops.length; i++) {
            if (workers.get(i).loops() - loops[i] < 2) {
                return false;
            }
        }
        return true;
    }

    private long totalWork() {
        long w = 0;
        for (Worker worker : workers) {
            w += worker.work();
        }
        return w;
    }

    /**
     * Stops (if still running), joins the workers, and cleans up every element so that held
     * packets go back to the pool. Idempotent.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopNow("closed");
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                errorLog.println("jmill: worker " + t.getName() + " did not stop within 10 s");
            }
        }
        CloneFields.widen(this);
        for (Element e : elements) {
            try {
                e.cleanup();
            } catch (RuntimeException ex) {
                errorLog.println("jmill: " + e.name() + ": cleanup failed: " + ex);
            }
        }
        closed = true;
    }

    // ------------------------------------------------------------------ statistics

    /** The task elements with their pipeline slots, from the moment the router is built. */
    public List<ScheduledTask> tasks() {
        return Collections.unmodifiableList(tasks);
    }

    /** Exceptions that escaped task batches so far. */
    public long taskErrors() {
        return taskErrors.get();
    }

    /** The first exception that escaped a task, or null. */
    public Throwable firstTaskError() {
        return firstError;
    }

    /** Nanoseconds since {@link #start}. */
    public long elapsedNanos() {
        return startNanos == 0 ? 0 : System.nanoTime() - startNanos;
    }

    /** Packets emitted by source elements. */
    public long sourcePackets() {
        long n = 0;
        for (Element e : elements) {
            if (e instanceof TrafficSource s) {
                n += s.packetsOut();
            }
        }
        return n;
    }

    /** Bytes emitted by source elements. */
    public long sourceBytes() {
        long n = 0;
        for (Element e : elements) {
            if (e instanceof TrafficSource s) {
                n += s.bytesOut();
            }
        }
        return n;
    }

    /** Packets dropped by elements that count drops (queues full, sources out of buffers, ...). */
    public long drops() {
        long n = 0;
        for (Element e : elements) {
            if (e instanceof DropCounter d) {
                n += d.drops();
            }
        }
        return n;
    }
}
