/**
 * Click's classification elements: {@code Classifier} (byte patterns), {@code IPClassifier} and
 * {@code IPFilter} (the tcpdump-like IP language), with Click's syntax, port numbering and
 * {@code program} handler.
 *
 * <p>How it works: at configuration time each pattern is parsed into an {@link
 * io.jmill.elements.classifier.Expr} over {@link io.jmill.elements.classifier.FieldTest}s (read
 * 1 to 4 bytes at an offset from a header, mask, compare with a range). {@link
 * io.jmill.elements.classifier.ProgramCompiler} chains the patterns in priority order into one
 * decision DAG, shares equal subtrees, skips tests that earlier tests on the same path already
 * decide (Click's dominator optimization), and lays it out in one {@code int} array. Per packet,
 * {@link io.jmill.elements.classifier.Program#match} walks that array: no allocation, no
 * exception, no read outside the packet (a test whose bytes are missing takes its "short" branch).
 *
 * <p>The result is a rule number; the element maps it to an output or a drop and counts it, so
 * per-rule hit counts are available to profiling through the {@code hits} handler.
 */
package io.jmill.elements.classifier;
