package io.jmill.elements.classifier;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies IP packets by contents, with tcpdump-like patterns.
 *
 * <pre>IPClassifier(PATTERN_1, ..., PATTERN_N)</pre>
 *
 * <p>Has N outputs, one per pattern. A packet goes to the output of the first pattern it
 * matches; a packet that matches none is dropped. Input packets should have their network header
 * annotation set (CheckIPHeader and MarkIPHeader do this); the transport header is where the
 * transport header annotation says (after the IP header and its options). A packet without a
 * network header annotation is taken to start with its IP header (Click would fail instead).
 *
 * <p>Pattern primitives:
 * <ul>
 * <li>{@code ip proto PROTO}: PROTO is a number or one of icmp, igmp, ipip, tcp, udp, tcpudp
 *     (either), transp (any).</li>
 * <li>{@code [SRCORDST] host IPADDR}: SRCORDST is src, dst, src or dst (the default), or
 *     src and dst.</li>
 * <li>{@code [SRCORDST] net NETADDR}: NETADDR is ADDR/LEN, ADDR/MASK or ADDR mask MASK.</li>
 * <li>{@code [SRCORDST] [tcp | udp] port PORT}: a number or a name (www, ssh, domain, ...);
 *     without tcp or udp, either. PORT may be a range {@code LOW-HIGH} (inclusive); without
 *     SRCORDST, a packet matches when either port is in the range.</li>
 * <li>{@code ip vers V}, {@code ip hl HL}, {@code ip id ID}, {@code ip len LEN},
 *     {@code ip tos TOS}, {@code ip dscp DSCP}, {@code ip ttl TTL}, {@code ip ect},
 *     {@code ip ce}, {@code ip frag} (more-fragments set or nonzero offset),
 *     {@code ip unfrag}.</li>
 * <li>{@code tcp opt FLAG}: FLAG is syn, fin, ack, rst, psh or urg (that flag set);
 *     {@code tcp win WIN}; {@code icmp type TYPE} (a number or echo, echo-reply, unreachable,
 *     sourcequench, redirect, routeradvert, routersolicit, timeexceeded, parameterproblem,
 *     timestamp, timestamp-reply, inforeq, inforeq-reply, maskreq, maskreq-reply).</li>
 * <li>{@code ether [SRCORDST] host ETHADDR}: the MAC header's addresses (needs the MAC header
 *     annotation).</li>
 * <li>{@code ip[POS:LEN] VALUE}, {@code ip[POS] VALUE}: LEN (1 to 4) bytes of the IP header at
 *     POS; {@code transp[POS:LEN]}, {@code tcp[...]}, {@code udp[...]}, {@code icmp[...]}: the
 *     same in the transport header.</li>
 * <li>{@code true}, {@code false}.</li>
 * </ul>
 * Primitives combine with {@code and}, {@code or}, {@code not} (also {@code &&}, {@code ||},
 * {@code !}), parentheses, and {@code ? :} (with spaces around the colon); two primitives side by
 * side mean and. Values may be preceded by a relation, {@code ==}, {@code !=}, and for numbers
 * {@code <}, {@code >}, {@code <=}, {@code >=}, and by a mask {@code & MASK}. A relation's negation
 * covers both directions: {@code port != 80} means neither port is 80, {@code port > 1023} that
 * one of them is above 1023. Port, TCP option, TCP window, ICMP type and transport field tests
 * also require the protocol and a first fragment, so {@code src tcp port != 5} does not match UDP
 * while {@code not src tcp port 5} does.
 *
 * <p>Abbreviations: {@code tcp} for {@code ip proto tcp}, {@code www} for {@code port www},
 * {@code syn} for {@code tcp opt syn}, {@code 10.0.0.0/8} for {@code net 10.0.0.0/8},
 * {@code frag} and {@code unfrag}; a primitive without qualifiers reuses the previous one's:
 * {@code src port 80 or 81}, {@code host 10.0.0.1 or 10.0.0.2}. A pattern that is only {@code -},
 * {@code any} or {@code all} matches every packet.
 *
 * <p>A test whose bytes lie beyond the end of the packet (or in an absent header) is false; its
 * negation with {@code not} is true.
 *
 * <p>Ports: one input, push; N outputs, push. The configuration must have exactly one pattern per
 * connected output. A pattern that begins with an uppercase word must be quoted.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code program} (read): the compiled decision tree in Click's format (see Classifier), with
 *     Click's offsets: the Ethernet header from 2, the IP header from 256, the transport header
 *     from 512 ({@code 264/00060000%00ff0000} is "IP protocol 6"). {@code [k]} is output k,
 *     {@code [X]} a drop.</li>
 * <li>{@code hits} (read): packets matched per pattern, one line {@code PATTERN COUNT} each, then
 *     {@code nomatch COUNT}.</li>
 * <li>{@code drops} (read): packets dropped because no pattern matched.</li>
 * <li>{@code reset_counts} (write): zero {@code hits} and {@code drops}.</li>
 * <li>{@code pattern0}, {@code pattern1}, ... (read): the patterns as configured. Unlike Click's,
 *     they cannot be written: the configuration is immutable.</li>
 * </ul>
 *
 * <p>Errors name the pattern, counting from 0 like the outputs, e.g.
 * {@code pattern 3: expected IP address after 'host', got 'tcp'}.
 *
 * <p>Example: TCP packets from 10.0.0.x with SYN to output 0, with FIN and ACK to output 1, other
 * TCP from there to 2, everything else to 3:
 * <pre>
 * IPClassifier(10.0.0.0/24 and syn, 10.0.0.0/24 and fin ack, 10.0.0.0/24 and tcp, -);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class IPClassifier extends ClassifierElement {
    private final List<String> patterns;

    public IPClassifier(ElementConfig c) {
        this(c, patternsOf(c));
    }

    private IPClassifier(ElementConfig c, List<String> patterns) {
        super(c, compile(c, patterns));
        this.patterns = patterns;
    }

    private static List<String> patternsOf(ElementConfig c) {
        List<String> out = new ArrayList<>();
        for (Arg a : c.args().remainingPositional()) {
            out.add(a.string(""));
        }
        return List.copyOf(out);
    }

    private static Compiled compile(ElementConfig c, List<String> patterns) {
        Args args = c.args();
        if (patterns.size() != c.noutputs()) {
            args.error("need " + c.noutputs() + " arguments, one per output port (got " + patterns.size() + ")");
            return Compiled.failed();
        }
        List<Expr> rules = new ArrayList<>();
        int[] outputs = new int[patterns.size()];
        boolean ok = true;
        for (int i = 0; i < patterns.size(); i++) {
            outputs[i] = i;
            try {
                rules.add(IPExpression.parse(patterns.get(i)));
            } catch (PatternException e) {
                args.error("pattern " + i + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok ? new Compiled(ProgramCompiler.compile(rules, true), outputs) : Compiled.failed();
    }

    @Override
    public void addHandlers(Handlers h) {
        super.addHandlers(h);
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            h.read("pattern" + i, () -> p);
        }
    }
}
