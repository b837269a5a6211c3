package io.jmill.bench.suite;

import java.util.Map;

/**
 * Main class of the JVMs the suite forks, one per run: reads a {@link RunSpec} as JSON from the
 * first argument, runs it, and prints the {@link RunResult} as one JSON line after
 * {@link #RESULT_PREFIX} on standard output. Diagnostics go to standard error.
 */
public final class CellMain {
    static final String RESULT_PREFIX = "JMILL-BENCH-RESULT ";

    private CellMain() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        RunResult result;
        if (args.length != 1) {
            result = RunResult.failed("usage: CellMain RUN_SPEC_JSON");
        } else {
            try {
                result = CellRunner.run(RunSpec.fromJson((Map<String, Object>) Json.parse(args[0])), System.err);
            } catch (RuntimeException | Error e) {
                e.printStackTrace();
                result = RunResult.failed(e.toString());
            }
        }
        System.out.println(RESULT_PREFIX + Json.write(result.toJson()));
        System.out.flush();
        System.exit(result.ok() ? 0 : 1);
    }
}
