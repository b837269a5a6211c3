package io.jmill.engine.element;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a concrete {@link Element} subclass as an element class that configurations can name.
 * The build indexes every annotated class (with its Javadoc, which becomes the element's manual
 * page in {@code jmill elements NAME}).
 *
 * <pre>{@code
 * /** Counts packets. ... *&#47;
 * @ElementInfo(ports = "1/1", processing = "a/a")
 * public final class Counter extends Element { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ElementInfo {
    /** Class name used in configurations; defaults to the Java simple name. */
    String name() default "";

    /** Other names the class answers to. */
    String[] aliases() default {};

    /**
     * Port counts in Click's notation, {@code inputs/outputs}: {@code 1/1}, {@code 1/1-2},
     * {@code 0/1}, {@code 1/-} (any number), {@code 1-/1} (one or more), {@code -/=} (as many
     * outputs as inputs). A single part applies to both sides.
     */
    String ports();

    /**
     * Processing in Click's notation: per port {@code h} (push), {@code l} (pull) or {@code a}
     * (agnostic), inputs and outputs separated by {@code /}; the last letter of a side repeats,
     * e.g. {@code h/lh} = push input, output 0 pull, other outputs push.
     */
    String processing() default "a/a";
}
