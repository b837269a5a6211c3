package io.jmill.specializer.layout;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutPlannerTest {

    private static Map<String, Long> accesses() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("paint", 9_000L);
        m.put("network_header", 8_000L);
        m.put("dst_ip", 7_000L);
        m.put("timestamp", 6_000L);
        m.put("sequence", 5_000L);
        m.put("length", 4_000L);
        m.put("data_offset", 3_000L);
        m.put("flow_id", 10L);
        return m;
    }

    @Test
    void hotFirstPutsTheMostAccessedFieldsFirstAndKeepsEveryFieldAlignedWithoutOverlap() {
        Map<String, Long> acc = accesses();
        LayoutPlanner.Planned planned = LayoutPlanner.hotFirst(acc);
        MetadataLayout l = planned.layout();
        assertTrue(l.name().startsWith(LayoutPlanner.HOT_FIRST), l.name());
        assertNotEquals(MetadataLayout.generic().name(), l.name());

        List<MetadataField> all = MetadataField.all();
        for (MetadataField f : all) {
            assertTrue(l.contains(f), "keeps " + f);
            int o = l.offset(f);
            assertEquals(0, o % f.size(), f + " aligned to its size");
            assertTrue(o >= 0 && o + f.size() <= PacketPool.METADATA_SIZE, f + " within the metadata area");
        }
        for (MetadataField a : all) {
            for (MetadataField b : all) {
                if (a != b) {
                    int oa = l.offset(a);
                    int ob = l.offset(b);
                    assertTrue(oa + a.size() <= ob || ob + b.size() <= oa, a + " and " + b + " overlap");
                }
            }
        }
        assertEquals(0, l.offset(MetadataField.DATA_OFFSET), "data_offset first");
        assertEquals(4, l.offset(MetadataField.LENGTH), "then length");
        // every accessed field in the first cache line
        for (String name : acc.keySet()) {
            assertTrue(l.offset(MetadataField.byName(name)) < 64, name + " in the first cache line: " + planned.decisions());
        }
        assertEquals(acc.size(), planned.hotFieldsInFirstLine());
        // hotter before colder, except where a smaller colder field fills an alignment hole
        for (MetadataField a : all) {
            for (MetadataField b : all) {
                long na = acc.getOrDefault(a.name(), 0L);
                long nb = acc.getOrDefault(b.name(), 0L);
                if (na > nb && b.size() >= a.size() && !isFixed(a) && !isFixed(b)) {
                    assertTrue(l.offset(a) < l.offset(b), a + " (" + na + ") before " + b + " (" + nb + ")\n"
                            + planned.decisions());
                }
            }
        }
        // the hottest field right behind the fixed ones (paint, 1 byte, in the hole after data_offset)
        assertEquals(2, l.offset(MetadataField.PAINT), planned.decisions());
        assertTrue(l.cacheLines() <= MetadataLayout.generic().cacheLines(), planned.decisions());
        assertTrue(planned.decisions().contains("paint") && planned.decisions().contains("9,000"), planned.decisions());
    }

    private static boolean isFixed(MetadataField f) {
        return f == MetadataField.DATA_OFFSET || f == MetadataField.LENGTH;
    }

    @Test
    void eachPlannedLayoutHasItsOwnName() {
        // the specializer caches generated code by layout name
        assertNotEquals(LayoutPlanner.hotFirst(accesses()).layout().name(),
                LayoutPlanner.hotFirst(accesses()).layout().name());
    }

    @Test
    void withoutAccessesTheGenericOrderIsKept() {
        MetadataLayout l = LayoutPlanner.hotFirst(Map.of()).layout();
        List<MetadataField> generic = MetadataLayout.generic().fields();
        for (int i = 0; i + 1 < generic.size(); i++) {
            MetadataField a = generic.get(i);
            MetadataField b = generic.get(i + 1);
            if (b.size() >= a.size()) {
                assertTrue(l.offset(a) < l.offset(b), a + " before " + b);
            }
        }
    }
}
