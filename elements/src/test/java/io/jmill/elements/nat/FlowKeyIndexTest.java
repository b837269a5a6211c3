package io.jmill.elements.nat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowKeyIndexTest {
    private record Key(long hi, long lo) {
    }

    @Test
    void randomChurnMatchesAHashMapModel() {
        Random r = new Random(1);
        for (long seed : new long[] {0, 1, -7, 123456789}) {
            // 64 slots, at most 32 keys, few distinct hash inputs: long chains that wrap around the end.
            FlowKeyIndex index = new FlowKeyIndex(64, seed);
            Map<Key, Integer> model = new HashMap<>();
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                keys.add(new Key(FlowKeyIndex.hi(r.nextInt(4), r.nextInt(4)), FlowKeyIndex.lo(6, r.nextInt(8), r.nextInt(2))));
            }
            for (int step = 0; step < 100_000; step++) {
                Key k = keys.get(r.nextInt(keys.size()));
                Integer old = model.get(k);
                if (old == null && model.size() < 32) {
                    int v = r.nextInt(1000);
                    assertEquals(FlowKeyIndex.ABSENT, index.put(k.hi, k.lo, v));
                    model.put(k, v);
                } else if (old != null) {
                    assertFalse(index.remove(k.hi, k.lo, old + 1), "a different value is not removed");
                    assertTrue(index.remove(k.hi, k.lo, old));
                    model.remove(k);
                }
                if (step % 97 == 0) {
                    for (Key q : keys) {
                        assertEquals(model.getOrDefault(q, FlowKeyIndex.ABSENT), index.get(q.hi, q.lo));
                    }
                }
                assertEquals(model.size(), index.size());
            }
            index.resize(256);
            for (Key q : keys) {
                assertEquals(model.getOrDefault(q, FlowKeyIndex.ABSENT), index.get(q.hi, q.lo));
            }
            Key any = keys.getFirst();
            int before = index.get(any.hi, any.lo);
            int replaced = index.put(any.hi, any.lo, 5);
            assertEquals(before, replaced);
            assertEquals(5, index.get(any.hi, any.lo));
            index.clear();
            assertEquals(0, index.size());
            assertEquals(FlowKeyIndex.ABSENT, index.get(any.hi, any.lo));
        }
    }
}
