package io.jmill.elements.control;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scripts a router configuration.
 *
 * <pre>Script(INSTRUCTIONS... [, keyword TYPE])</pre>
 *
 * <p>Click's Script: a small language for controlling a configuration. Each argument is an
 * instruction; they run in order. Scripts set variables, call handlers, wait, and stop the
 * router. An active script (the default type) starts when the router starts.
 *
 * <h2>Instructions</h2>
 * Text arguments undergo substitution (see below). The {@code q} forms ({@code setq},
 * {@code readq}, {@code writeq}, {@code initq}, {@code returnq}, {@code errorq}) then remove one
 * layer of quotes.
 * <ul>
 * <li>{@code set VAR TEXT}, {@code setq VAR TEXT}: sets variable {@code $VAR}.</li>
 * <li>{@code init VAR TEXT}, {@code initq VAR TEXT}: sets {@code $VAR} once, when the router
 *     initializes.</li>
 * <li>{@code export VAR [TEXT]}, {@code exportq VAR [TEXT]}: as {@code init}, and the variable is
 *     also a read/write handler of the script named VAR.</li>
 * <li>{@code print [>FILE | >>FILE] [TEXT | HANDLER]}: prints TEXT, or the value of read handler
 *     HANDLER if the argument starts with a letter, {@code @} or {@code _}, followed by a newline,
 *     to standard output or (over)writes/appends it to FILE. {@code print c.count} prints the
 *     count; {@code print "rate: $(c.rate)"} prints text with a handler value in it.</li>
 * <li>{@code printn ...}: as {@code print}, without the newline.</li>
 * <li>{@code read HANDLER}, {@code readq HANDLER}: prints {@code HANDLER:} and the handler's value
 *     on standard error.</li>
 * <li>{@code write HANDLER [VALUE]}, {@code writeq ...}: calls a write handler; {@code $?} is then
 *     0, or -22 if the handler refused the value.</li>
 * <li>{@code pause [COUNT]} (also {@code wait_step}, {@code wait_stop}, and {@code wait} without
 *     argument): waits until the {@code step} handler has been written COUNT times (default 1).</li>
 * <li>{@code wait TIME} (also {@code wait_time}, {@code wait_for}): waits TIME ({@code 2s},
 *     {@code 100ms}, {@code 1.5}), or until a step, whichever comes first.</li>
 * <li>{@code label LABEL}; {@code goto LABEL [CONDITION]}: jumps to the label, if CONDITION (after
 *     substitution) is true when given. Labels {@code begin}, {@code end}, {@code exit} and
 *     {@code error} are predefined. A script that jumps 1000 times without waiting is stopped.</li>
 * <li>{@code loop}: jumps to the first instruction.</li>
 * <li>{@code stop}: asks the router to stop, and ends the script.</li>
 * <li>{@code end}, {@code exit}: ends the script.</li>
 * <li>{@code return [VALUE]}, {@code returnq [VALUE]}: ends the script; for a passive script,
 *     VALUE is the value of the {@code run} handler.</li>
 * <li>{@code error [MSG]}, {@code errorq [MSG]}: ends the script with an error, printing MSG.</li>
 * </ul>
 *
 * <h2>Substitutions</h2>
 * {@code $VAR} and {@code ${VAR}} are replaced by script variables (and left alone if undefined);
 * {@code $(HANDLER)} by a read handler's value ({@code $(c.count)}), with {@code $(...)} nestable.
 * {@code $?} is the last write status, {@code $$} the process ID; in a passive script {@code $args} is the {@code run}
 * handler's argument, {@code $1}, {@code $2}... its words and {@code $#} their number. Nothing is
 * substituted inside single quotes. Handler names are looked up first relative to the script's
 * compound element, then as written; a name without a dot is one of the script's own handlers or
 * a global router handler. The script's operators take parameters, and need no element name:
 * {@code $(add 1 2)} (also {@code sub}, {@code mul}, {@code div}, {@code idiv}), comparisons
 * {@code $(lt $x 5)} (also {@code eq}, {@code ne}, {@code gt}, {@code le}, {@code ge}; numbers
 * compare as numbers, anything else as strings), {@code $(not true)}, {@code $(first a b)},
 * {@code $(sprintf "%05x" 127)}; over lists of numbers {@code min}, {@code max}, {@code avg} (in
 * integers when every number is one), {@code count} (how many words), {@code popcount} (how many
 * are non-zero), {@code gt_vec X A B...} (how many of A, B... exceed X); {@code mod}, {@code rem},
 * {@code neg}, {@code abs}, {@code ceil}, {@code floor}, {@code round} (halves away from zero);
 * {@code htonl}, {@code ntohl}, {@code htons}, {@code ntohs} (byte order); {@code and}, {@code or},
 * {@code in X A B...} (X is one of A, B...), {@code if BOOL THEN ELSE}; {@code length TEXT} (of
 * the unquoted text), {@code unquote TEXT}; {@code kill SIGNAL PID...} sends a Unix signal to
 * processes (to this one with {@code $(kill USR1 $$)}). Script variables as handlers: {@code write set VAR
 * TEXT}, {@code $(get VAR)}, and {@code $(shift VAR)} (the first word, removed from VAR).
 *
 * <p>Note: JMill substitutes configuration variables ({@code define($x ...)}) in argument text
 * before Script sees it and reports {@code $x} as undefined when there is no such variable, where
 * Click leaves it for the script. Until that changes, write script variables as {@code \$x}
 * (also {@code \$?}, {@code \$args}, {@code \$1}...): Script reads {@code \$} followed by one
 * of its variables as a reference, and any other {@code \$} as an escaped dollar sign.
 *
 * <h2>Types</h2>
 * <ul>
 * <li>{@code ACTIVE}: starts when the router starts (default). Ends without stopping the router,
 *     unless it executes {@code stop}. While it runs (or waits), the router does not stop by itself
 *     at the end of its input.</li>
 * <li>{@code PASSIVE}: runs only when the {@code run} handler is called, on the caller's thread,
 *     until it ends or waits; a waiting passive script continues when stepped.</li>
 * <li>{@code DRIVER}: as ACTIVE, but the router stops when the script ends; see DriverManager.</li>
 * <li>{@code PACKET} (also {@code PUSH}; the default for a script with ports): runs from its start
 *     for each packet pushed into it, on the pushing thread, with {@code $input} the input port.
 *     The packet then leaves by the output that {@code return} names, by output 0 when the script
 *     ends otherwise (its last instruction, {@code end}), and is dropped after {@code exit}, an
 *     error, or a return value that names no output. A wait ends such a run as {@code end} does. This
 *     interprets the script for every packet (and allocates): it is for tests and control paths,
 *     not for traffic at speed.</li>
 * <li>{@code SIGNAL SIGNO...}: runs from its start when the process receives one of the Unix
 *     signals named ({@code INT}, {@code USR1}, {@code HUP}..., with or without {@code SIG}, or
 *     by number; the JVM keeps {@code QUIT}, {@code USR2} and a few others for itself, which is
 *     an error when the router initializes).
 *     Soon after the signal arrives the script runs on a worker thread; several arrivals before
 *     it runs count once. Every script that waits for that signal runs. A script that ends with
 *     {@code end} (or its last instruction) waits for the signal again; after {@code exit}, an
 *     error or a wait it does not, and once no script waits for a signal its default action is
 *     back (SIGINT and SIGUSR1 then end the process), as in Click. A signal that arrives while
 *     its scripts run makes them run again if they wait for it again, and gets its default
 *     action otherwise.</li>
 * </ul>
 *
 * <p>Ports: none, except for TYPE PACKET: any number of push inputs and outputs. The script runs as a task that checks its instruction each time it is scheduled:
 * it never blocks a worker thread, and {@code wait} is precise to about a millisecond.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code step} (write): steps past the current {@code pause} or {@code wait}; a number steps
 *     that many times.</li>
 * <li>{@code goto} (write): jumps to the label written.</li>
 * <li>{@code run} (read/write): runs the script from the start (with the written text, or the
 *     parameters of a read such as {@code $(s.run a b)}, as {@code $args}); reading returns the
 *     value of a {@code return}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * src :: InfiniteSource -&gt; c :: Counter -&gt; Discard;
 * Script(wait 1s, print "rate: $(c.rate) pps", write src.active false, print c.count, stop);
 * </pre>
 */
@ElementInfo(ports = "0-/0-", processing = "h/h")
public class Script extends Element implements Task {
    /** Script types; see the class documentation. */
    enum Type { ACTIVE, PASSIVE, DRIVER, PACKET, SIGNAL }

    enum Op {
        PAUSE, WAIT_TIME, PRINT, PRINTN, READ, READQ, WRITE, WRITEQ, SET, SETQ, INIT, INITQ, EXPORT, EXPORTQ,
        STOP, END, EXIT, LABEL, GOTO, RETURN, RETURNQ, ERROR, ERRORQ
    }

    /**
     * One instruction: COUNT for pause, NANOS for wait, TEXT the (unexpanded) argument, VAR for
     * set/init, TARGET the instruction index or a special label for goto.
     */
    record Insn(Op op, int count, long nanos, String text, String var, int target) {
    }

    /** The script's own handlers, which an exported variable may not be named after. */
    static final Set<String> OWN = Set.of("step", "goto", "run");
    static final int LABEL_EXIT = -1;
    static final int LABEL_END = -2;
    static final int LABEL_ERROR = -3;
    static final int MAX_JUMPS = 1000;
    /** $? after a refused write (Click reports -EINVAL). */
    static final int WRITE_FAILED = -22;

    private final Type type;
    /** TYPE SIGNAL: the signals, by the JVM's names ({@code INT}, {@code USR1}). */
    private final List<String> signals;
    private final List<Insn> program;
    private final State state = new State();

    /** Run-time state; guarded by its own monitor, since handlers may run the script from any thread. */
    static final class State {
        int pc;
        int[] progress;
        long deadline = -1;
        int pendingSteps;
        final Map<String, String> vars = new HashMap<>();
        int writeStatus;
        String runArgs = "";
        boolean started;
        boolean finished;
        boolean failed;
        boolean running;
        String returnValue = "";
        /** How the last run ended: by exit (or goto exit), by return, or otherwise. */
        boolean exited;
        boolean returned;
        volatile PrintStream out = System.out;
        volatile PrintStream err = System.err;
    }

    public Script(ElementConfig c) {
        this(c, Type.ACTIVE);
    }

    Script(ElementConfig c, Type defaultType) {
        super(c);
        Args args = c.args();
        List<String> sigs = new ArrayList<>();
        type = parseType(args, c.ninputs() > 0 || c.noutputs() > 0 ? Type.PACKET : defaultType, sigs);
        signals = List.copyOf(sigs);
        program = parseProgram(args, type);
        state.progress = new int[program.size()];
        if (type == Type.PACKET && c.ninputs() == 0) {
            args.error("TYPE PACKET: the script has no input");
        } else if (type != Type.PACKET && (c.ninputs() > 0 || c.noutputs() > 0)) {
            args.error("only a TYPE PACKET script has ports");
        }
    }

    private static Type parseType(Args args, Type dflt, List<String> signals) {
        String t = args.keyword("TYPE").string(null);
        if (t == null) {
            return dflt;
        }
        String w = t.strip().toUpperCase(Locale.ROOT);
        if (w.equals("SIGNAL") || w.startsWith("SIGNAL ")) {
            for (String signo : ScriptText.words(w.substring(6))) {
                String name = ScriptSignals.signalName(signo);
                if (name == null) {
                    args.error("TYPE SIGNAL: unknown signal '" + signo + "'");
                } else {
                    signals.add(name);
                }
            }
            if (signals.isEmpty() && w.strip().equals("SIGNAL")) {
                args.error("TYPE SIGNAL: expected one or more signals, such as INT or USR1");
            }
            return Type.SIGNAL;
        }
        return switch (w) {
            case "ACTIVE" -> Type.ACTIVE;
            case "PASSIVE" -> Type.PASSIVE;
            case "DRIVER" -> Type.DRIVER;
            case "PACKET", "PUSH" -> Type.PACKET;
            default -> {
                args.error("TYPE: expected ACTIVE, PASSIVE, DRIVER, PACKET or SIGNAL, got '" + t.strip() + "'");
                yield dflt;
            }
        };
    }

    // ------------------------------------------------------------------ parsing

    private static List<Insn> parseProgram(Args args, Type type) {
        List<Insn> out = new ArrayList<>();
        List<String> gotoLabels = new ArrayList<>();
        for (Arg a : args.remainingPositional()) {
            if (!a.present()) {
                continue;
            }
            parseInstruction(args, a.raw().strip(), out, gotoLabels);
        }
        if (out.isEmpty() && type == Type.DRIVER) {
            out.add(new Insn(Op.PAUSE, 1, 0, "", null, 0));
        }
        out.add(new Insn(type == Type.DRIVER ? Op.STOP : Op.END, 0, 0, "", null, 0));
        // Resolve goto targets now that every label is known.
        for (int i = 0, g = 0; i < out.size(); i++) {
            Insn in = out.get(i);
            if (in.op() != Op.GOTO || in.target() != Integer.MIN_VALUE) {
                continue;
            }
            String label = gotoLabels.get(g++);
            int target = findLabel(out, label);
            if (target == Integer.MIN_VALUE) {
                args.error("no such label '" + label + "'");
                target = LABEL_END;
            }
            out.set(i, new Insn(Op.GOTO, 0, 0, in.text(), null, target));
        }
        return List.copyOf(out);
    }

    private static int findLabel(List<Insn> program, String label) {
        for (int i = 0; i < program.size(); i++) {
            if (program.get(i).op() == Op.LABEL && program.get(i).text().equals(label)) {
                return i;
            }
        }
        return switch (label) {
            case "exit" -> LABEL_EXIT;
            case "end" -> LABEL_END;
            case "error" -> LABEL_ERROR;
            case "begin" -> 0;
            default -> Integer.MIN_VALUE;
        };
    }

    private static void parseInstruction(Args args, String raw, List<Insn> out, List<String> gotoLabels) {
        String[] wr = ScriptText.popWord(raw);
        String name = wr[0];
        String rest = wr[1].strip();
        switch (name) {
            case "wait" -> {
                if (rest.isEmpty()) {
                    out.add(new Insn(Op.PAUSE, 1, 0, "", null, 0));
                } else {
                    out.add(new Insn(Op.WAIT_TIME, 0, duration(args, name, rest), "", null, 0));
                }
            }
            case "wait_time", "wait_for" -> out.add(new Insn(Op.WAIT_TIME, 0, duration(args, name, rest), "", null, 0));
            case "pause", "wait_step", "wait_stop" -> {
                int n = 1;
                if (!rest.isEmpty()) {
                    try {
                        n = Integer.parseInt(rest);
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        args.error(name + ": expected a count, got '" + rest + "'");
                        n = 1;
                    }
                }
                out.add(new Insn(Op.PAUSE, n, 0, "", null, 0));
            }
            case "print" -> out.add(new Insn(Op.PRINT, 0, 0, rest, null, 0));
            case "printn" -> out.add(new Insn(Op.PRINTN, 0, 0, rest, null, 0));
            case "read", "readq", "write", "writeq" -> {
                if (rest.isEmpty()) {
                    args.error(name + ": missing handler");
                }
                Op op = switch (name) {
                    case "read" -> Op.READ;
                    case "readq" -> Op.READQ;
                    case "write" -> Op.WRITE;
                    default -> Op.WRITEQ;
                };
                out.add(new Insn(op, 0, 0, rest, null, 0));
            }
            case "set", "setq", "init", "initq", "export", "exportq" -> {
                String[] vr = ScriptText.popWord(rest);
                if (vr[0].isEmpty() || (name.startsWith("set") && vr[1].isEmpty())) {
                    args.error(name + ": expected '" + name + " VARIABLE TEXT'");
                    return;
                }
                if (name.startsWith("export") && OWN.contains(vr[0])) {
                    args.error(name + ": '" + vr[0] + "' is already a handler of Script");
                    return;
                }
                Op op = switch (name) {
                    case "set" -> Op.SET;
                    case "setq" -> Op.SETQ;
                    case "init" -> Op.INIT;
                    case "initq" -> Op.INITQ;
                    case "export" -> Op.EXPORT;
                    default -> Op.EXPORTQ;
                };
                out.add(new Insn(op, 0, 0, vr[1], vr[0], 0));
            }
            case "return", "returnq" -> out.add(new Insn(name.equals("return") ? Op.RETURN : Op.RETURNQ, 0, 0, rest, "_", 0));
            case "label" -> {
                String[] lr = ScriptText.popWord(rest);
                if (lr[0].isEmpty() || !lr[1].isEmpty()) {
                    args.error("label: expected 'label NAME'");
                    return;
                }
                out.add(new Insn(Op.LABEL, 0, 0, lr[0], null, 0));
            }
            case "goto" -> {
                String[] lr = ScriptText.popWord(rest);
                if (lr[0].isEmpty()) {
                    args.error("goto: missing label");
                    return;
                }
                gotoLabels.add(lr[0]);
                out.add(new Insn(Op.GOTO, 0, 0, lr[1], null, Integer.MIN_VALUE));
            }
            case "loop", "stop", "end", "exit" -> {
                if (!rest.isEmpty()) {
                    args.error(name + ": takes no argument");
                }
                out.add(switch (name) {
                    case "loop" -> new Insn(Op.GOTO, 0, 0, "", null, 0);
                    case "stop" -> new Insn(Op.STOP, 0, 0, "", null, 0);
                    case "end" -> new Insn(Op.END, 0, 0, "", null, 0);
                    default -> new Insn(Op.EXIT, 0, 0, "", null, 0);
                });
            }
            case "error", "errorq" -> out.add(new Insn(name.equals("error") ? Op.ERROR : Op.ERRORQ, 0, 0, rest, null, 0));
            default -> args.error("unknown instruction '" + name + "'");
        }
    }

    /** A Click time such as {@code 2s}, {@code 100ms} or {@code 1.5}, in nanoseconds; reports errors. */
    private static long duration(Args args, String insn, String text) {
        Args one = new Args(insn, text);
        long nanos = one.mandatoryPositional("TIME").durationNanos(0);
        try {
            one.complete();
        } catch (ArgsException e) {
            args.error(insn + ": expected a time such as 2s or 100ms, got '" + text + "'");
        }
        return nanos;
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void initialize() throws Exception {
        if (type == Type.DRIVER) {
            for (Element e : host().elements()) {
                if (e == this) {
                    break;
                }
                if (e instanceof Script s && s.type == Type.DRIVER) {
                    throw new IllegalStateException("router has more than one driver script (" + e.name()
                            + " is one); at most one DriverManager or Script(TYPE DRIVER) is allowed");
                }
            }
            host().interceptStopRequests(this::onStopRequest);
        }
        for (String sig : signals) {
            try {
                ScriptSignals.install(sig, this);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("TYPE SIGNAL: cannot handle SIG" + sig + " (" + e.getMessage() + ")");
            }
        }
        State s = state;
        synchronized (s) {
            for (Insn in : program) {
                if (in.op() == Op.INIT || in.op() == Op.INITQ || in.op() == Op.EXPORT || in.op() == Op.EXPORTQ) {
                    String v = expand(s, in.text());
                    s.vars.put(in.var(), in.op() == Op.INITQ || in.op() == Op.EXPORTQ ? ScriptText.unquote(v) : v);
                }
            }
        }
    }

    @Override
    public void cleanup() {
        if (type == Type.SIGNAL) {
            ScriptSignals.uninstall(this);
        }
    }

    /** A stop request from another element or the stop handler steps a driver script. */
    private void onStopRequest(String reason) {
        State s = state;
        synchronized (s) {
            if (!s.finished) {
                s.pendingSteps++;
                advance(s, WorkerClock.nanos(), false);
            }
        }
    }

    /** Where {@code print} writes (default standard output). */
    public void setOutput(PrintStream out) {
        state.out = out;
    }

    /** Where {@code read} and error messages go (default standard error). */
    public void setErrorOutput(PrintStream err) {
        state.err = err;
    }

    @Override
    public int runTask() {
        if (type == Type.SIGNAL) {
            if (ScriptSignals.anyPending()) {
                ScriptSignals.dispatch();
            }
            return ScriptSignals.anyPending() ? 0 : DONE; // woken again by the next signal
        }
        if (type == Type.PASSIVE || type == Type.PACKET) {
            return DONE;
        }
        State s = state;
        synchronized (s) {
            s.started = true;
            int pc = s.pc;
            if (!s.finished) {
                advance(s, WorkerClock.nanos(), false);
            }
            // A step that ran instructions counts as work, so that under simulated time the tasks
            // get a pass to act on what it wrote before the clock jumps to its next wait, as in Click.
            return s.finished ? DONE : s.pc != pc ? 1 : 0;
        }
    }

    // ------------------------------------------------------------------ execution

    /**
     * Runs instructions until one waits or the script ends. With {@code flushing} (the router has
     * stopped), timed waits pass at once and a wait for steps ends the script.
     */
    private void advance(State s, long now, boolean flushing) {
        if (s.running) {
            return; // a step from inside the script: the running loop picks it up
        }
        s.running = true;
        try {
            int jumps = 0;
            while (!s.finished) {
                int pc = s.pc;
                Insn in = program.get(pc);
                switch (in.op()) {
                    case PAUSE -> {
                        while (s.pendingSteps > 0 && s.progress[pc] < in.count()) {
                            s.progress[pc]++;
                            s.pendingSteps--;
                        }
                        if (s.progress[pc] < in.count()) {
                            if (flushing) {
                                s.finished = true;
                            }
                            return;
                        }
                        s.progress[pc] = 0;
                        s.pc++;
                    }
                    case WAIT_TIME -> {
                        if (s.pendingSteps > 0) {
                            s.pendingSteps--;
                        } else if (!flushing) {
                            if (s.deadline < 0) {
                                s.deadline = now + in.nanos();
                            }
                            if (now - s.deadline < 0) {
                                SimulatedTime.wakeAt(s.deadline);
                                return;
                            }
                        }
                        s.deadline = -1;
                        s.pc++;
                    }
                    case PRINT, PRINTN -> {
                        print(s, in.text(), in.op() == Op.PRINT);
                        s.pc++;
                    }
                    case READ, READQ -> {
                        String[] hp = ScriptText.popWord(expand(s, in.text()).strip());
                        String handler = hp[0];
                        // readq unquotes the parameters (not the handler name)
                        String value = callRead(s, handler, in.op() == Op.READQ ? ScriptText.unquote(hp[1]) : hp[1]);
                        if (value != null) {
                            String shown = handler.indexOf('.') < 0 && ScriptText.OPERATORS.contains(handler)
                                    ? name() + "." + handler : handler; // Click names the script's own handlers
                            s.err.print(shown + ":\n" + value + (value.endsWith("\n") ? "" : "\n"));
                            s.err.flush();
                        }
                        s.pc++;
                    }
                    case WRITE, WRITEQ -> {
                        String arg = in.op() == Op.WRITEQ ? ScriptText.unquote(in.text()) : in.text();
                        String[] hv = ScriptText.popWord(expand(s, arg).strip());
                        s.writeStatus = callWrite(s, hv[0], hv[1]) ? 0 : WRITE_FAILED;
                        s.pc++;
                    }
                    case SET, SETQ, RETURN, RETURNQ -> {
                        String v = expand(s, in.text());
                        if (in.op() == Op.SETQ || in.op() == Op.RETURNQ) {
                            v = ScriptText.unquote(v);
                        }
                        s.vars.put(in.var(), v);
                        s.pc++;
                        if (in.op() == Op.RETURN || in.op() == Op.RETURNQ) {
                            s.returnValue = v;
                            s.returned = true;
                            s.finished = true;
                        }
                    }
                    case INIT, INITQ, EXPORT, EXPORTQ, LABEL -> s.pc++;
                    case GOTO -> {
                        s.pc++;
                        String cond = expand(s, in.text()).strip();
                        boolean go = true;
                        if (!cond.isEmpty()) {
                            Boolean b = ScriptText.bool(ScriptText.unquote(cond));
                            if (b == null) {
                                report(s, "bad condition '" + cond + "'");
                            }
                            go = b != null && b;
                        }
                        if (go) {
                            if (++jumps >= MAX_JUMPS) {
                                report(s, "too many jumps, giving up");
                                s.failed = true;
                                s.finished = true;
                            } else if (in.target() == LABEL_EXIT || in.target() == LABEL_END) {
                                s.exited = in.target() == LABEL_EXIT;
                                s.finished = true;
                            } else if (in.target() == LABEL_ERROR) {
                                s.failed = true;
                                s.finished = true;
                            } else {
                                s.pc = in.target();
                            }
                        }
                    }
                    case STOP -> {
                        s.finished = true;
                        host().stopNow(name() + ": script stopped the router");
                    }
                    case END -> s.finished = true;
                    case EXIT -> {
                        s.exited = true;
                        s.finished = true;
                    }
                    case ERROR, ERRORQ -> {
                        String msg = expand(s, in.text());
                        if (in.op() == Op.ERRORQ) {
                            msg = ScriptText.unquote(msg);
                        }
                        if (!msg.isBlank()) {
                            report(s, msg.strip());
                        }
                        s.failed = true;
                        s.finished = true;
                    }
                }
            }
        } finally {
            s.running = false;
        }
        if (type == Type.DRIVER && s.finished && !host().stopping()) {
            host().stopNow(name() + ": driver script ended"); // Click: the driver stops with its manager
        }
    }

    private void print(State s, String text, boolean newline) {
        PrintStream target = s.out;
        OutputStream file = null;
        String t = text;
        if (t.startsWith(">")) {
            boolean append = t.startsWith(">>");
            String[] fr = ScriptText.popWord(t.substring(append ? 2 : 1));
            String fname = ScriptText.unquote(expand(s, fr[0]));
            t = fr[1];
            if (!fname.isEmpty() && !fname.equals("-")) {
                try {
                    file = new FileOutputStream(fname, append);
                } catch (IOException e) {
                    report(s, fname + ": " + e.getMessage());
                    return;
                }
            }
        }
        String result;
        if (!t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '@' || t.charAt(0) == '_')) {
            result = callRead(s, expand(s, t).strip());
            if (result == null) {
                closeQuietly(file);
                return;
            }
        } else {
            result = ScriptText.unquote(expand(s, t));
        }
        if (newline && !result.endsWith("\n")) {
            result += "\n";
        }
        if (file != null) {
            try (OutputStream f = file) {
                f.write(result.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                report(s, e.getMessage());
            }
        } else {
            target.print(result);
            target.flush();
        }
    }

    private static void closeQuietly(OutputStream f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // already reporting another problem
            }
        }
    }

    private void report(State s, String message) {
        s.err.println(name() + " :: " + className() + ": " + message); // Click's landmark: NAME :: CLASS
    }

    // ------------------------------------------------------------------ substitution

    /** Replaces variables and {@code $(handler)} calls in {@code text}; quotes are kept. */
    String expand(State s, String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        int n = text.length();
        boolean dq = false;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '$' && escapedReference(s, text, i + 1)) {
                i++; // "\$x": a script variable shielded from configuration-variable substitution
            } else if (c == '\\' && i + 1 < n) {
                b.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'' && !dq) {
                int j = ScriptText.endOfQuote(text, i);
                b.append(text, i, j);
                i = j;
            } else if (c == '"') {
                dq = !dq;
                b.append(c);
                i++;
            } else if (c == '$' && i + 1 < n) {
                char d = text.charAt(i + 1);
                int end;
                String value;
                if (d == '(') {
                    end = ScriptText.matchingParen(text, i + 1);
                    if (end < 0) {
                        b.append(text, i, n);
                        break;
                    }
                    String call = expand(s, text.substring(i + 2, end)).strip();
                    value = callRead(s, call);
                    value = value == null ? "" : stripNewlines(value);
                    end++;
                } else if (d == '{') {
                    end = text.indexOf('}', i + 2);
                    if (end < 0) {
                        b.append(text, i, n);
                        break;
                    }
                    value = variable(s, text.substring(i + 2, end));
                    end++;
                } else if (d == '$') {
                    end = i + 2; // $$: the process ID, as in Click
                    value = Long.toString(ProcessHandle.current().pid());
                } else if (d == '?' || d == '#') {
                    end = i + 2;
                    value = variable(s, String.valueOf(d));
                } else if (isVariableChar(d)) {
                    end = i + 1;
                    while (end < n && isVariableChar(text.charAt(end))) {
                        end++;
                    }
                    value = variable(s, text.substring(i + 1, end));
                } else {
                    b.append(c);
                    i++;
                    continue;
                }
                if (value == null) {
                    b.append(text, i, end); // not a script variable: left as written
                } else {
                    b.append(dq ? ScriptText.escapeForDoubleQuotes(value) : value);
                }
                i = end;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /**
     * Whether {@code \$...} at {@code text[dollar]} should be read as a reference: a defined script
     * variable, {@code $args}, {@code $?}, {@code $#}, {@code ${...}} or {@code $(...)}. Otherwise
     * it stays an escaped dollar sign.
     */
    static boolean escapedReference(State s, String text, int dollar) { // not private: DriverManager's copy calls it
        if (dollar + 1 >= text.length()) {
            return false;
        }
        char d = text.charAt(dollar + 1);
        if (d == '(' || d == '{' || d == '?' || d == '#') {
            return true;
        }
        int end = dollar + 1;
        while (end < text.length() && isVariableChar(text.charAt(end))) {
            end++;
        }
        String name = text.substring(dollar + 1, end);
        return !name.isEmpty() && (s.vars.containsKey(name) || name.equals("args") || name.chars().allMatch(Character::isDigit));
    }

    private static boolean isVariableChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static String stripNewlines(String v) {
        int end = v.length();
        while (end > 0 && (v.charAt(end - 1) == '\n' || v.charAt(end - 1) == '\r')) {
            end--;
        }
        return v.substring(0, end);
    }

    private String variable(State s, String name) {
        String v = s.vars.get(name);
        if (v != null) {
            return v;
        }
        switch (name) {
            case "?":
                return Integer.toString(s.writeStatus);
            case "args":
                return s.runArgs;
            case "#":
                return Integer.toString(ScriptText.words(s.runArgs).size());
            default:
                if (!name.isEmpty() && name.charAt(0) >= '1' && name.charAt(0) <= '9') {
                    try {
                        int k = Integer.parseInt(name);
                        List<String> w = ScriptText.words(s.runArgs);
                        return k <= w.size() ? w.get(k - 1) : "";
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return null;
        }
    }

    // ------------------------------------------------------------------ handler calls

    /** This script's own name for {@code handler}, if the call is addressed to it; else null. */
    private String ownHandler(String handler) {
        int dot = handler.indexOf('.');
        if (dot < 0) {
            return handler;
        }
        String element = handler.substring(0, dot);
        if (element.equals(name()) || element.equals(name().substring(name().lastIndexOf('/') + 1))) {
            return handler.substring(dot + 1);
        }
        return null;
    }

    /**
     * Calls read handler {@code call} ({@code "c.count"}, {@code "add 1 2"}); null (after
     * reporting) if that fails.
     */
    private String callRead(State s, String call) {
        String[] hp = ScriptText.popWord(call);
        return callRead(s, hp[0], hp[1]);
    }

    private String callRead(State s, String handler, String params) {
        if (handler.isEmpty()) {
            report(s, "missing handler name");
            return null;
        }
        String own = ownHandler(handler);
        if (own != null && (own.equals("get") || own.equals("shift"))) {
            return variableRead(s, own, params.strip());
        }
        if (own != null && own.equals("kill")) {
            return kill(s, params);
        }
        if (own != null && ScriptText.OPERATORS.contains(own)) {
            try {
                return ScriptText.operate(own, params);
            } catch (ScriptText.TextException e) {
                report(s, e.getMessage());
                return null;
            }
        }
        try {
            return host().readHandler(resolve(handler), params);
        } catch (HandlerException e) {
            report(s, e.getMessage());
            return null;
        }
    }

    /**
     * {@code $(kill SIGNAL PID...)}: sends SIGNAL to each process; to this process through
     * {@link ScriptSignals}, so that a signal script sees it before the next task run. Empty on
     * success, as in Click.
     */
    private String kill(State s, String params) {
        List<String> words = ScriptText.words(params == null ? "" : params);
        String sig = words.isEmpty() ? null : ScriptSignals.signalName(words.get(0));
        if (sig == null || words.size() < 2) {
            report(s, "kill: expected 'SIGNAL PID...', got '" + (params == null ? "" : params.strip()) + "'");
            return null;
        }
        long self = ProcessHandle.current().pid();
        for (String pid : words.subList(1, words.size())) {
            if (ScriptSignals.pid(pid) == self) {
                ScriptSignals.raise(sig);
                continue;
            }
            long target = ScriptSignals.pid(pid);
            String failed = target < 0 ? "bad PID" : ScriptSignals.send(sig, target);
            if (!failed.isEmpty()) {
                report(s, "kill(" + pid + ", SIG" + sig + "): " + failed);
                return null;
            }
        }
        return "";
    }

    /** Calls write handler {@code handler} with {@code value}; false (after reporting) if that fails. */
    private boolean callWrite(State s, String handler, String value) {
        String own = ownHandler(handler);
        if (own != null && own.equals("set")) {
            String[] vw = ScriptText.popWord(value == null ? "" : value);
            s.vars.put(vw[0], vw[1].strip());
            return true;
        }
        if (own != null && (own.equals("step") || own.equals("goto") || own.equals("run"))) {
            try {
                writeOwn(s, own, value);
                return true;
            } catch (HandlerException e) {
                report(s, e.getMessage());
                return false;
            }
        }
        try {
            host().writeHandler(resolve(handler), value);
            return true;
        } catch (HandlerException e) {
            report(s, e.getMessage());
            return false;
        }
    }

    /** {@code get VAR}: the variable's value; {@code shift VAR}: its first word, removed from it. */
    private String variableRead(State s, String op, String var) {
        String value = s.vars.get(var);
        if (value == null) {
            report(s, op + ": no variable '" + var + "'");
            return null;
        }
        if (op.equals("get")) {
            return value;
        }
        String[] wr = ScriptText.popWord(value);
        s.vars.put(var, wr[1].strip());
        return wr[0];
    }

    /** {@code elem.handler} relative to the script's compound element first, as Click does. */
    private String resolve(String handler) throws HandlerException {
        int dot = handler.indexOf('.');
        int slash = name().lastIndexOf('/');
        if (dot > 0 && slash > 0) {
            String prefix = name().substring(0, slash + 1);
            if (host().element(prefix + handler.substring(0, dot)) != null) {
                return prefix + handler;
            }
        }
        return handler;
    }

    // ------------------------------------------------------------------ own handlers

    private void writeOwn(State s, String handler, String value) throws HandlerException {
        String v = value == null ? "" : value.strip();
        switch (handler) {
            case "step" -> {
                int n;
                if (v.isEmpty() || v.equals("router")) {
                    n = 1;
                } else {
                    try {
                        n = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new HandlerException("step: expected a count, got '" + v + "'");
                    }
                }
                synchronized (s) {
                    s.pendingSteps += Math.max(0, n);
                    if (s.started || type == Type.PASSIVE || type == Type.PACKET) {
                        advance(s, WorkerClock.nanos(), false);
                    }
                }
            }
            case "goto" -> {
                int target = findLabel(program, ScriptText.unquote(v));
                if (target == Integer.MIN_VALUE) {
                    throw new HandlerException("goto: no such label '" + v + "'");
                }
                synchronized (s) {
                    s.deadline = -1;
                    if (target < 0) {
                        s.finished = true;
                        s.failed = target == LABEL_ERROR;
                        return;
                    }
                    s.pc = target;
                    s.finished = false;
                    if (s.started || type == Type.PASSIVE) {
                        advance(s, WorkerClock.nanos(), false);
                    }
                }
            }
            default -> run(s, v);
        }
    }

    /**
     * TYPE SIGNAL: runs the script once for a signal that arrived; true if it ended with
     * {@code end} (or its last instruction), so that it waits for the signal again.
     */
    boolean runForSignal() {
        State s = state;
        synchronized (s) {
            run(s, "");
            return s.finished && !s.exited && !s.failed && !s.returned;
        }
    }

    /** TYPE SIGNAL: a signal is pending; has the script's task run (and dispatch it) soon. */
    void wake() {
        host().reschedule(this);
    }

    /** Runs the script from its first instruction with {@code args}; returns the return value. */
    private String run(State s, String args) {
        synchronized (s) {
            if (s.running) {
                report(s, "run: the script is already running");
                return "";
            }
            s.pc = 0;
            s.deadline = -1;
            java.util.Arrays.fill(s.progress, 0);
            s.runArgs = args;
            s.returnValue = "";
            s.exited = false;
            s.returned = false;
            s.finished = false;
            s.failed = false;
            if (type != Type.PASSIVE && type != Type.PACKET) {
                s.started = true;
            }
            advance(s, WorkerClock.nanos(), false);
            return s.returnValue;
        }
    }

    /**
     * A TYPE PACKET script runs from its start for each packet, with {@code $input} the input
     * port, on the pushing thread; the packet leaves by the output its {@code return} names, by
     * output 0 if the script ends otherwise, and is dropped after {@code exit}, an error, or a
     * return value that names no output.
     */
    @Override
    public void push(int port, Packet p) {
        int out = runForPacket(port);
        if (out >= 0 && out < noutputs()) {
            output(out, p);
        } else {
            p.kill();
        }
    }

    private int runForPacket(int port) {
        State s = state;
        synchronized (s) {
            s.vars.put("input", Integer.toString(port));
            run(s, "");
            if (s.exited || s.failed) {
                return -1;
            }
            if (!s.returned) {
                return 0;
            }
            try {
                return Integer.parseInt(s.returnValue.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        for (Insn in : program) {
            if (in.op() == Op.EXPORT || in.op() == Op.EXPORTQ) {
                String var = in.var();
                h.readWrite(var, () -> {
                    synchronized (s) {
                        return s.vars.getOrDefault(var, "");
                    }
                }, v -> {
                    synchronized (s) {
                        s.vars.put(var, v == null ? "" : v);
                    }
                });
            }
        }
        h.write("step", v -> writeOwn(s, "step", v));
        h.write("goto", v -> writeOwn(s, "goto", v));
        h.write("run", v -> run(s, v == null ? "" : v.strip()));
        h.readParams("run", v -> run(s, v.strip()));
    }

    /** The script's type (for DriverManager and tests). */
    Type type() {
        return type;
    }

    /** The parsed program (tests). */
    List<Insn> program() {
        return program;
    }

    /** Whether the script has ended (tests). */
    boolean finished() {
        synchronized (state) {
            return state.finished;
        }
    }
}
