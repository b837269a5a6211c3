package io.jmill.specializer.layout;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.profiler.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plans metadata layouts from a profile: PacketMill's field reordering.
 *
 * <p>{@link #hotFirst} keeps every field (a cold element may still use one) and orders them by
 * measured accesses, most first, {@code data_offset} and {@code length} always leading; each field
 * goes to the lowest offset aligned to its size that is still free (first fit), so the hottest
 * fields share the first 64-byte cache line and small cold fields fill the alignment holes.
 */
public final class LayoutPlanner {
    /** Name prefix of hot-first layouts; each planned layout gets a unique name (code is cached by layout name). */
    public static final String HOT_FIRST = "hot-first";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private LayoutPlanner() {
    }

    /** A planned layout and the text of its decisions (one line per field: offset, size, accesses). */
    public record Planned(MetadataLayout layout, String decisions, int hotFieldsInFirstLine) {
        /** One line for a log: how many of the accessed fields ended up in the first cache line. */
        public String summary() {
            return "layout " + layout.name() + ": " + hotFieldsInFirstLine
                    + " hottest fields in the first cache line, " + layout.fields().size() + " fields in "
                    + layout.cacheLines() + " cache line" + (layout.cacheLines() == 1 ? "" : "s");
        }
    }

    /** The hot-first layout for {@code profile}'s field totals (reads + writes per field). */
    public static Planned hotFirst(Profile profile) {
        return hotFirst(profile == null ? Map.of() : profile.fieldTotals());
    }

    /** The hot-first layout for the given accesses per field name; fields not named count 0. */
    public static Planned hotFirst(Map<String, Long> accesses) {
        List<MetadataField> order = new ArrayList<>(MetadataField.all());
        MetadataLayout generic = MetadataLayout.generic();
        order.sort(Comparator.<MetadataField>comparingInt(f -> f == MetadataField.DATA_OFFSET ? 0
                        : f == MetadataField.LENGTH ? 1 : 2)
                .thenComparing(Comparator.comparingLong((MetadataField f) -> accesses.getOrDefault(f.name(), 0L))
                        .reversed())
                // ties (e.g. all the cold fields): the generic layout's order, then id
                .thenComparingInt(f -> generic.contains(f) ? generic.offset(f) : Integer.MAX_VALUE)
                .thenComparingInt(MetadataField::id));
        String name = HOT_FIRST + "-" + SEQUENCE.incrementAndGet();
        MetadataLayout.Builder b = MetadataLayout.builder(name);
        boolean[] used = new boolean[PacketPool.METADATA_SIZE];
        StringBuilder text = new StringBuilder("layout ").append(name)
                .append(": fields ordered by measured accesses, each aligned to its size\n");
        int hotInFirstLine = 0;
        for (MetadataField f : order) {
            int at = firstFit(used, f.size());
            if (at < 0) {
                throw new IllegalStateException("metadata fields do not fit in " + PacketPool.METADATA_SIZE + " bytes");
            }
            for (int i = at; i < at + f.size(); i++) {
                used[i] = true;
            }
            b.place(f, at);
            long n = accesses.getOrDefault(f.name(), 0L);
            if (at < 64 && n > 0) {
                hotInFirstLine++;
            }
            text.append(String.format("  %3d  %d  %-18s %,d accesses%s%n", at, f.size(), f.name(), n,
                    generic.contains(f) ? " (generic: " + generic.offset(f) + ")" : ""));
        }
        MetadataLayout layout = b.build();
        text.append("  ").append(hotInFirstLine).append(" accessed fields in the first cache line; ")
                .append(layout.cacheLines()).append(layout.cacheLines() == 1 ? " cache line (generic: " : " cache lines (generic: ").append(generic.cacheLines()).append(")\n");
        return new Planned(layout, text.toString(), hotInFirstLine);
    }

    private static int firstFit(boolean[] used, int size) {
        for (int at = 0; at + size <= used.length; at += size) {
            boolean free = true;
            for (int i = at; i < at + size && free; i++) {
                free = !used[i];
            }
            if (free) {
                return at;
            }
        }
        return -1;
    }
}
