package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.handler.HandlerException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** One client of a ControlSocket: reads commands, calls handlers, answers in Click's protocol. */
final class ControlConnection {
    static final int OK = 200;
    static final int SYNTAX = 500;
    static final int UNIMPLEMENTED = 501;
    static final int NO_SUCH_ELEMENT = 510;
    static final int NO_SUCH_HANDLER = 511;
    static final int HANDLER_ERROR = 520;
    static final int DATA_TOO_BIG = 521;
    static final int PERMISSION = 530;

    /** Largest READDATA / WRITEDATA payload accepted. */
    static final int MAX_DATA = 64 << 20;

    private final ElementHost host;
    private final InputStream in;
    private final OutputStream out;
    private final boolean readOnly;
    private final String proxy;
    /** The last line ended with CR: a LF right after it belongs to that end, not to what follows. */
    private boolean skipLf;

    ControlConnection(ElementHost host, SocketChannel channel, boolean readOnly, String proxy) {
        this.host = host;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
        this.readOnly = readOnly;
        this.proxy = proxy;
    }

    void run() throws IOException {
        line(ControlSocket.BANNER);
        out.flush();
        String command;
        while ((command = readLine()) != null) {
            boolean more = execute(command);
            out.flush();
            if (!more) {
                return;
            }
        }
    }

    /** Runs one command line; false after QUIT. */
    private boolean execute(String commandLine) throws IOException {
        String text = commandLine.strip();
        if (text.isEmpty()) {
            return true;
        }
        String[] words = text.split("\\s+");
        String verb = words[0].toUpperCase(Locale.ROOT);
        switch (verb) {
            case "READ" -> {
                if (words.length < 2) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                String params = text.substring(text.indexOf(words[1]) + words[1].length()).strip();
                read(words[1], params);
            }
            case "READDATA", "WRITEDATA" -> {
                if (words.length != 3) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                int n;
                try {
                    n = Integer.parseInt(words[2]);
                } catch (NumberFormatException e) {
                    return message(SYNTAX, "Syntax error in '" + verb.toLowerCase(Locale.ROOT) + "'");
                }
                if (n < 0 || n > MAX_DATA) {
                    return message(DATA_TOO_BIG, "Data too large for handler '" + words[1] + "'");
                }
                byte[] data = readData(n);
                if (data.length < n) {
                    return message(SYNTAX, "Not enough data");
                }
                String value = new String(data, StandardCharsets.UTF_8);
                if (verb.equals("READDATA")) {
                    read(words[1], value);
                } else {
                    write(words[1], value);
                }
            }
            case "READUNTIL", "WRITEUNTIL" -> {
                if (words.length < 2 || words.length > 3) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                String terminator = words.length == 3 ? words[2].stripTrailing() : "";
                StringBuilder value = new StringBuilder();
                String l;
                while ((l = readLine()) != null && !l.stripTrailing().equals(terminator)) {
                    value.append(l).append('\n');
                }
                if (verb.equals("READUNTIL")) {
                    read(words[1], value.toString());
                } else {
                    write(words[1], value.toString());
                }
            }
            case "WRITE" -> {
                if (words.length < 2) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                write(words[1], text.substring(text.indexOf(words[1]) + words[1].length()).strip());
            }
            case "CHECKREAD", "CHECKWRITE" -> {
                if (words.length != 2) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                check(words[1], verb.equals("CHECKWRITE"));
            }
            case "LLRPC" -> {
                if (words.length < 2 || words.length > 3) {
                    return message(SYNTAX, "Wrong number of arguments");
                }
                if (words.length == 3) {
                    try {
                        readData(Math.min(Integer.parseInt(words[2]), MAX_DATA));
                    } catch (NumberFormatException e) {
                        return message(SYNTAX, "Syntax error in 'llrpc'");
                    }
                }
                message(UNIMPLEMENTED, "Cannot call LLRPC '" + words[1] + "' remotely");
            }
            case "HELP" -> {
                continued(OK, "Commands supported:");
                continued(OK, "READ handler [arg...]   call read handler, return DATA");
                continued(OK, "READDATA handler len    call read handler with len data bytes, return DATA");
                continued(OK, "READUNTIL handler term  call read handler, take data until term, return DATA");
                continued(OK, "WRITE handler [arg...]  call write handler");
                continued(OK, "WRITEDATA handler len   call write handler, pass len data bytes");
                continued(OK, "WRITEUNTIL handler term call write handler, take data until term");
                continued(OK, "CHECKREAD handler       check if read handler is valid");
                continued(OK, "CHECKWRITE handler      check if write handler is valid");
                continued(OK, "LLRPC elt#number [len]  call LLRPC, pass len data bytes, return DATA");
                message(OK, "QUIT                    close connection");
            }
            case "QUIT" -> {
                if (words.length != 1) {
                    return message(SYNTAX, "Bad command syntax");
                }
                message(OK, "Goodbye!");
                return false;
            }
            default -> message(UNIMPLEMENTED, "Command '" + words[0] + "' unimplemented");
        }
        return true;
    }

    /**
     * The handler a client names, or null after answering 510/511: {@code element.handler},
     * {@code N.handler} (element number N, from 1) or a global handler.
     */
    private Resolved resolve(String name) throws IOException {
        String full = proxy.isEmpty() ? name : proxy + "." + name;
        int dot = full.indexOf('.');
        if (dot > 0) {
            String element = full.substring(0, dot);
            if (element.chars().allMatch(Character::isDigit)) {
                List<Element> all = host.elements();
                int k = Integer.parseInt(element);
                if (k < 1 || k > all.size()) {
                    message(NO_SUCH_ELEMENT, "No element named '" + element + "'");
                    return null;
                }
                full = all.get(k - 1).name() + full.substring(dot);
            } else if (host.element(element) == null) {
                message(NO_SUCH_ELEMENT, "No element named '" + element + "'");
                return null;
            }
        }
        try {
            return new Resolved(full, host.handler(full));
        } catch (HandlerException e) {
            message(NO_SUCH_HANDLER, "No handler named '" + full + "'");
            return null;
        }
    }

    private record Resolved(String name, Handler handler) {
    }

    private void read(String name, String params) throws IOException {
        Resolved r = resolve(name);
        if (r == null) {
            return;
        }
        if (!r.handler().readable()) {
            message(PERMISSION, "Handler '" + r.name() + "' write-only");
            return;
        }
        String value;
        try {
            if (!params.isEmpty() && r.handler().paramReader() == null) {
                throw new HandlerException("handler '" + r.name() + "' takes no parameters");
            }
            value = r.handler().read(params);
        } catch (HandlerException | RuntimeException e) {
            continued(HANDLER_ERROR, "Read handler '" + r.name() + "' error:");
            message(HANDLER_ERROR, String.valueOf(e.getMessage()));
            return;
        }
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        message(OK, "Read handler '" + r.name() + "' OK");
        line("DATA " + data.length);
        out.write(data);
    }

    private void write(String name, String value) throws IOException {
        Resolved r = resolve(name);
        if (r == null) {
            return;
        }
        if (readOnly) {
            message(PERMISSION, "Permission denied for '" + r.name() + "'");
            return;
        }
        if (!r.handler().writable()) {
            message(PERMISSION, "Handler '" + r.name() + "' read-only");
            return;
        }
        try {
            r.handler().writer().write(value);
        } catch (HandlerException | RuntimeException e) {
            continued(HANDLER_ERROR, "Write handler '" + r.name() + "' error:");
            message(HANDLER_ERROR, String.valueOf(e.getMessage()));
            return;
        }
        message(OK, "Write handler '" + r.name() + "' OK");
    }

    private void check(String name, boolean write) throws IOException {
        Resolved r = resolve(name);
        if (r == null) {
            return;
        }
        if (write && readOnly) {
            message(PERMISSION, "Permission denied for '" + r.name() + "'");
        } else if (write ? r.handler().writable() : r.handler().readable()) {
            message(OK, (write ? "Write" : "Read") + " handler '" + r.name() + "' OK");
        } else {
            message(NO_SUCH_HANDLER, "Handler '" + r.name() + (write ? "' not writable" : "' not readable"));
        }
    }

    /** The last line of a response; returns true (the connection goes on). */
    private boolean message(int code, String text) throws IOException {
        line(code + " " + text);
        return true;
    }

    /** A line of a response that more lines follow. */
    private void continued(int code, String text) throws IOException {
        line(code + "-" + text);
    }

    private void line(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /**
     * A line ended by CR, LF or CRLF, without its end; null at the end of the stream. A line ended by
     * CR is returned at once (the client may send nothing more before it reads the answer).
     */
    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\r') {
                skipLf = true;
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return b.size() > 0 ? b.toString(StandardCharsets.UTF_8) : null;
    }

    /** The {@code n} bytes that follow the command line (after the LF of a CRLF end). */
    private byte[] readData(int n) throws IOException {
        if (n == 0) {
            return new byte[0];
        }
        byte[] data = in.readNBytes(n);
        if (skipLf) {
            skipLf = false;
            if (data.length > 0 && data[0] == '\n') {
                byte[] rest = in.readNBytes(1);
                byte[] shifted = new byte[data.length - 1 + rest.length];
                System.arraycopy(data, 1, shifted, 0, data.length - 1);
                System.arraycopy(rest, 0, shifted, data.length - 1, rest.length);
                return shifted;
            }
        }
        return data;
    }
}
