package io.jmill.elements.standard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Click's notifier signal: whether packets may be available upstream ("empty" notifiers, active
 * while a queue holds packets) or room downstream ("full" notifiers, active while a queue has
 * room). One signal is one bit of a 32-bit word that the router hands out by name
 * ({@link NotifierSignals}); a signal read through several paths is the OR of several bits, active
 * if any is. Two constant signals stand for paths without a notifier: {@link #BUSY}, always
 * active (a pull source that does not say when it has packets, a sink that never fills), and
 * {@link #IDLE}, never active (Idle).
 *
 * <p>Setting and clearing a bit is one atomic operation on its word, done by the notifier (a
 * queue) only when its state changes; reading is one volatile read per word. Neither allocates.
 */
public final class NotifierSignal {
    /** Always active: {@code busy*}. */
    public static final NotifierSignal BUSY = new NotifierSignal("busy");
    /** Never active: {@code idle}. */
    public static final NotifierSignal IDLE = new NotifierSignal("idle");

    /** The words, each with the bits of it this signal reads and the word's name ({@code empty.0}). */
    private final AtomicInteger[] words;
    private final int[] masks;
    private final String[] names;
    /** For BUSY and IDLE: their name; null for signals of words. */
    private final String constant;

    private NotifierSignal(String constant) {
        this.words = new AtomicInteger[0];
        this.masks = new int[0];
        this.names = new String[0];
        this.constant = constant;
    }

    NotifierSignal(AtomicInteger word, int mask, String name) {
        this(new AtomicInteger[] {word}, new int[] {mask}, new String[] {name});
    }

    private NotifierSignal(AtomicInteger[] words, int[] masks, String[] names) {
        this.words = words;
        this.masks = masks;
        this.names = names;
        this.constant = null;
    }

    /** True if any of the signal's bits is set (BUSY: always; IDLE: never). */
    public boolean active() {
        if (constant != null) {
            return this == BUSY;
        }
        for (int i = 0; i < words.length; i++) {
            if ((words[i].get() & masks[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Sets (active) or clears this signal's bits; for a notifier's own, one-bit signal. */
    void set(boolean active) {
        AtomicInteger w = words[0];
        int m = masks[0];
        int v = w.get();
        while (((v & m) != 0) != active) {
            int next = active ? v | m : v & ~m;
            if (w.compareAndSet(v, next)) {
                return;
            }
            v = w.get(); // another notifier of the same word changed its bit meanwhile
        }
    }

    /** True for BUSY, which absorbs every signal it is combined with. */
    public boolean busy() {
        return this == BUSY;
    }

    /**
     * The signal active when either is: BUSY if either is BUSY, the other if one is IDLE, else
     * the bits of both, grouped by word.
     */
    public NotifierSignal or(NotifierSignal other) {
        if (busy() || other.busy()) {
            return BUSY;
        }
        if (this == IDLE) {
            return other;
        }
        if (other == IDLE) {
            return this;
        }
        List<AtomicInteger> w = new ArrayList<>(List.of(words));
        List<Integer> m = new ArrayList<>();
        List<String> n = new ArrayList<>(List.of(names));
        for (int mask : masks) {
            m.add(mask);
        }
        for (int i = 0; i < other.words.length; i++) {
            int at = w.indexOf(other.words[i]);
            if (at >= 0) {
                m.set(at, m.get(at) | other.masks[i]);
            } else {
                w.add(other.words[i]);
                m.add(other.masks[i]);
                n.add(other.names[i]);
            }
        }
        // words in the router's order (by name, then number), as Click lists them
        Integer[] order = new Integer[w.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> n.get(i).substring(0, n.get(i).lastIndexOf('.')))
                .thenComparingInt(i -> Integer.parseInt(n.get(i).substring(n.get(i).lastIndexOf('.') + 1))));
        AtomicInteger[] wordsOut = new AtomicInteger[order.length];
        int[] masksOut = new int[order.length];
        String[] namesOut = new String[order.length];
        for (int k = 0; k < order.length; k++) {
            wordsOut[k] = w.get(order[k]);
            masksOut[k] = m.get(order[k]);
            namesOut[k] = n.get(order[k]);
        }
        return new NotifierSignal(wordsOut, masksOut, namesOut);
    }

    /**
     * Click's text for the signal: {@code NAME/MASK:VALUE} per word in hex, {@code *} after the
     * value if the signal is active, words joined by {@code +}; {@code busy*} or {@code idle}.
     */
    @Override
    public String toString() {
        if (constant != null) {
            return this == BUSY ? "busy*" : "idle";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            int value = words[i].get() & masks[i];
            sb.append(i == 0 ? "" : "+").append(names[i]).append('/').append(Integer.toHexString(masks[i]))
                    .append(':').append(Integer.toHexString(value)).append(value != 0 ? "*" : "");
        }
        return sb.toString();
    }
}
