package io.jmill.engine.element;

/**
 * Click processing codes, e.g. {@code a/a}, {@code h/lh}: one letter per port, the last letter of
 * each side repeating for higher-numbered ports.
 */
public record ProcessingSpec(String inputs, String outputs) {
    public static ProcessingSpec parse(String spec) {
        String[] sides = spec.split("/", -1);
        String in = sides[0].trim();
        String out = sides.length > 1 ? sides[1].trim() : in;
        if (sides.length > 2 || in.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("bad processing code '" + spec + "'");
        }
        ProcessingSpec ps = new ProcessingSpec(in, out);
        for (char c : (in + out).toCharArray()) {
            Processing.of(c, spec);
        }
        return ps;
    }

    public Processing input(int port) {
        return Processing.of(inputs.charAt(Math.min(port, inputs.length() - 1)), inputs);
    }

    public Processing output(int port) {
        return Processing.of(outputs.charAt(Math.min(port, outputs.length() - 1)), outputs);
    }
}
