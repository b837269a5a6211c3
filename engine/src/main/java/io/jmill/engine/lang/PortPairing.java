package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.jmill.engine.lang.Ast.Ports;

/**
 * Pairs the output ports of one side of an arrow with the input ports of the other, as Click does.
 *
 * <p>Each side is a list of elements with the ports written next to them. A side <em>steps</em>
 * when it names more than one port in all (several elements, or a port list): a stepping side is
 * walked port by port, element by element, while a side that does not step repeats its one port.
 * So {@code a, b -> c} connects a and b to c, {@code c -> a, b} connects c to both, and
 * {@code c[0,1] => a, b} connects c[0] to a and c[1] to b. When both sides step, their counts must
 * match. An open list ({@code [2-]}, {@code []}) grows to the other side's count; with {@code =>},
 * a lone element without ports is such an open list from port 0 ({@code c => a, b}).
 *
 * <p>Click requires {@code =>} when both sides step; JMill also takes {@code ->} there (its earlier
 * spelling of port lists, {@code x[0,1] -> [1,0]y}).
 */
final class PortPairing {

    /** One connection: the element at {@code fromItem} of the output side to that at {@code toItem}. */
    record Pair(int fromItem, int fromPort, int toItem, int toPort) {
    }

    private static final int IN = 0;
    private static final int OUT = 1;

    private PortPairing() {
    }

    /**
     * The connections between {@code outputs} (the ports written after each element of the left side)
     * and {@code inputs} (those written before each element of the right side); count mismatches go
     * to {@code errors} in Click's wording, and what can be paired is paired anyway.
     */
    static List<Pair> pair(List<Ports> outputs, List<Ports> inputs, boolean parallel, Consumer<String> errors) {
        List<List<Ports>> sides = List.of(inputs, outputs);
        int[] minimum = {minimum(inputs), minimum(outputs)};
        int[] expandable = {openLists(inputs), openLists(outputs)};
        if (expandable[IN] + expandable[OUT] > 1) {
            errors.accept("at most one expandable port allowed per connection");
            expandable[minimum[IN] < minimum[OUT] ? OUT : IN] = 0;
        }
        if (parallel) {
            for (int k = 0; k < 2; k++) {
                if (minimum[k] == 1 && minimum[1 - k] > 1 && !sides.get(k).getFirst().written()) {
                    expandable[k] = 1;
                }
            }
        }
        boolean[] step = new boolean[2];
        int[] extra = new int[2];
        for (int k = 0; k < 2; k++) {
            step[k] = minimum[k] > 1 || expandable[k] > 0;
            extra[k] = expandable[k] > 0 ? minimum[1 - k] - minimum[k] : 0;
        }
        if (step[IN] && step[OUT]) {
            reportMismatch(minimum, expandable, errors);
        } else if (!step[IN] && !step[OUT]) {
            step[IN] = true;
        }

        List<Pair> pairs = new ArrayList<>();
        int[] item = {0, 0};
        int[] position = {0, 0};
        int[] port = {-1, -1};
        while (item[IN] < inputs.size() && item[OUT] < outputs.size()) {
            for (int k = 0; k < 2; k++) {
                if (port[k] < 0) {
                    Ports ports = sides.get(k).get(item[k]);
                    port[k] = ports.written() ? ports.numbers()[0] : 0;
                }
            }
            pairs.add(new Pair(item[OUT], port[OUT], item[IN], port[IN]));
            for (int k = 0; k < 2; k++) {
                if (!step[k]) {
                    continue;
                }
                Ports ports = sides.get(k).get(item[k]);
                int[] numbers = ports.numbers();
                position[k]++;
                if (position[k] < numbers.length) {
                    port[k] = numbers[position[k]];
                } else if (ports.open() && extra[k] > 0) {
                    port[k] = numbers[numbers.length - 1] + position[k] - (numbers.length - 1);
                    extra[k]--;
                } else if (!ports.written() && minimum[k] == 1 && extra[k] > 0) {
                    port[k] = position[k];
                    extra[k]--;
                } else {
                    port[k] = -1;
                    position[k] = 0;
                    item[k]++;
                }
            }
        }
        return pairs;
    }

    /** How many ports a side names at least: one per element, or its list's length. */
    private static int minimum(List<Ports> side) {
        int total = 0;
        for (Ports ports : side) {
            total += ports.open() ? ports.numbers().length : Math.max(1, ports.numbers().length);
        }
        return total;
    }

    private static int openLists(List<Ports> side) {
        return (int) side.stream().filter(Ports::open).count();
    }

    private static void reportMismatch(int[] minimum, int[] expandable, Consumer<String> errors) {
        if (expandable[IN] == 0 && expandable[OUT] == 0 && minimum[IN] != minimum[OUT]) {
            errors.accept("connection mismatch: " + minimum[OUT] + " outputs connected to " + minimum[IN] + " inputs");
        } else if (expandable[IN] == 0 && minimum[IN] < minimum[OUT]) {
            errors.accept("connection mismatch: " + minimum[OUT] + " or more outputs connected to "
                    + minimum[IN] + " inputs");
        } else if (expandable[OUT] == 0 && minimum[OUT] < minimum[IN]) {
            errors.accept("connection mismatch: " + minimum[OUT] + " outputs connected to "
                    + minimum[IN] + " or more inputs");
        }
    }
}
