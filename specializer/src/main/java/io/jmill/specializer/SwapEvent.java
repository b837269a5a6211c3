package io.jmill.specializer;

import java.time.Instant;

/**
 * One entry of the {@link Specializer#history()}: specialized code swapped in, taken out, or taken
 * out by the router because it threw; or what the Graal backend did with it.
 *
 * @param time   when it happened
 * @param kind   what happened
 * @param detail which tasks and elements, or the exception
 */
public record SwapEvent(Instant time, Kind kind, String detail) {
    /** What a swap did. */
    public enum Kind {
        APPLY("apply"), REVERT("revert"), REVERT_ON_ERROR("revert-on-error"),
        /** The backend compiled the code before a swap, fell back, or its code was invalidated. */
        COMPILE("compile");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The kind as written in plans and JMX: {@code apply}, {@code revert}, {@code revert-on-error}, {@code compile}. */
        public String word() {
            return word;
        }
    }

    @Override
    public String toString() {
        return time + " " + kind.word() + ": " + detail;
    }
}
