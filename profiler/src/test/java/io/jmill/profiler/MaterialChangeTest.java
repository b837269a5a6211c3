package io.jmill.profiler;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Profile#differsMaterially}: what counts as a change worth re-planning for. */
class MaterialChangeTest {

    /** src -> cl; cl[0] -> a; cl[1] -> b, with {@code toA} of {@code total} packets going to a. */
    private static Profile split(long total, long toA, long... hits) {
        List<Profile.Edge> edges = new ArrayList<>();
        edges.add(new Profile.Edge("src", 0, "cl", 0, Profile.Kind.PUSH, total));
        edges.add(new Profile.Edge("cl", 0, "a", 0, Profile.Kind.PUSH, toA));
        edges.add(new Profile.Edge("cl", 1, "b", 0, Profile.Kind.PUSH, total - toA));
        List<Profile.Branches> branches = hits.length == 0 ? List.of()
                : List.of(new Profile.Branches("cl", List.of("tcp", "-"), List.of(hits[0], hits[1])));
        return new Profile(1, Instant.EPOCH, 1, "t", edges, List.of(), List.of(), branches, List.of());
    }

    @Test
    void sameSharesAtAnotherRateDoNotDiffer() {
        assertFalse(split(1000, 500).differsMaterially(split(7000, 3500), 0.1));
        assertFalse(split(1000, 500).differsMaterially(split(1000, 500), 0));
    }

    @Test
    void aShiftedBranchDiffersAboveTheThreshold() {
        Profile before = split(1000, 500);
        assertFalse(before.differsMaterially(split(1000, 580), 0.1), "8 points: below 10%");
        assertTrue(before.differsMaterially(split(1000, 900), 0.1));
        assertEquals(List.of("edge cl [0] -> [0] a: share of the input 50.0% -> 90.0%",
                "edge cl [1] -> [0] b: share of the input 50.0% -> 10.0%"),
                before.materialDifferences(split(1000, 900), 0.1));
    }

    @Test
    void aNewEdgeCountsWhenItCarriesMoreThanTheThreshold() {
        Profile before = split(1000, 1000);
        assertEquals(List.of("edge cl [0] -> [0] a: share of the input 100.0% -> 80.0%",
                "new edge cl [1] -> [0] b carries 20.0% of the input"),
                before.materialDifferences(split(1000, 800), 0.1));
        assertFalse(before.differsMaterially(split(1000, 950), 0.1), "5% on the new edge");
        assertEquals(List.of("edge cl [0] -> [0] a: share of the input 80.0% -> 100.0%",
                "edge cl [1] -> [0] b no longer carries traffic (was 20.0%)"),
                split(1000, 800).materialDifferences(before, 0.1));
    }

    @Test
    void anEdgeOnlyOneProfileHasCounts() {
        Profile before = split(1000, 500);
        List<Profile.Edge> edges = new ArrayList<>(before.edges());
        edges.add(new Profile.Edge("b", 0, "d", 0, Profile.Kind.PUSH, 500));
        Profile after = new Profile(1, Instant.EPOCH, 1, "t", edges, List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of("new edge b [0] -> [0] d carries 50.0% of the input"),
                before.materialDifferences(after, 0.1));
    }

    @Test
    void ruleHitSharesCount() {
        assertTrue(split(1000, 500, 10, 90).differsMaterially(split(1000, 500, 60, 40), 0.2));
        assertEquals(List.of("cl rule 0 'tcp': share of hits 10.0% -> 60.0%",
                        "cl rule 1 '-': share of hits 90.0% -> 40.0%"),
                split(1000, 500, 10, 90).materialDifferences(split(1000, 500, 60, 40), 0.2));
        assertFalse(split(1000, 500, 10, 90).differsMaterially(split(2000, 1000, 30, 270), 0.05));
    }

    @Test
    void trafficAgainstNoneDiffers() {
        assertTrue(split(0, 0).differsMaterially(split(10, 5), 0.5));
        assertTrue(split(10, 5).differsMaterially(split(0, 0), 0.5));
        assertFalse(split(0, 0).differsMaterially(split(0, 0), 0.5));
    }

    @Test
    void thresholdIsAFraction() {
        assertThrows(IllegalArgumentException.class, () -> split(1, 1).differsMaterially(split(1, 1), 1.5));
        assertThrows(IllegalArgumentException.class, () -> split(1, 1).differsMaterially(split(1, 1), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> split(1, 1).differsMaterially(split(1, 1), -0.1));
    }

    @Test
    void queriesSortByTraffic() {
        Profile p = split(1000, 300);
        assertEquals(List.of("src [0] -> [0] cl", "cl [1] -> [0] b", "cl [0] -> [0] a"),
                p.hotEdges().stream().map(Profile.Edge::toString).toList());
        assertEquals(1000, p.inputPackets());
        assertEquals(0.3, p.edgeShare(p.edges().get(1)), 1e-9);
        assertEquals(700, p.edgePackets("cl", 1));
        assertEquals(0, p.edgePackets("cl", 7));
    }
}
