package io.jmill.profiler;

import io.jmill.elements.ip.CheckIPHeader;
import io.jmill.elements.ip.DecIPTTL;
import io.jmill.elements.standard.Counter;
import io.jmill.elements.standard.InfiniteSource;
import io.jmill.elements.standard.Null;
import io.jmill.elements.standard.Paint;
import io.jmill.elements.standard.Queue;
import io.jmill.elements.standard.Tee;
import io.jmill.engine.router.Router;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytecode analysis of metadata accesses on a few standard and IP elements. */
class FieldAccessSitesTest {
    private static final Set<String> PUSH = Set.of("push");

    @Test
    void paintWritesPaint() {
        FieldAccessSites s = FieldAccessSites.of(Paint.class, PUSH);
        assertEquals(1, s.writeSites("paint"), s.toString());
        assertEquals(0, s.readSites("paint"));
        // Paint(COLOR, ANNO) writes a named annotation instead: the other branch's site.
        assertEquals(1, s.writeSites(PacketAccessors.NAMED));
        assertEquals(List.of("paint", PacketAccessors.NAMED), List.copyOf(s.fields()));
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void anAnalysisIsDoneOncePerClassAndEntryPoints() {
        FieldAccessSites s = FieldAccessSites.of(Paint.class, PUSH);
        assertSame(s, FieldAccessSites.of(Paint.class, new java.util.LinkedHashSet<>(PUSH)));
        assertNotSame(s, FieldAccessSites.of(Paint.class, Set.of("push", "pull")));
        assertThrows(UnsupportedOperationException.class, () -> s.fields().clear(), "shared, so read-only");
    }

    @Test
    void counterReadsLengthOnly() {
        FieldAccessSites s = FieldAccessSites.of(Counter.class, PUSH);
        assertEquals(List.of("length"), List.copyOf(s.fields()), s.toString());
        assertEquals(1, s.readSites("length"));
        assertEquals(0, s.writeSites("length"));
    }

    @Test
    void nullTouchesNothing() {
        FieldAccessSites s = FieldAccessSites.of(Null.class, Set.of("push", "pull"));
        assertTrue(s.fields().isEmpty(), s.toString());
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void checkIPHeaderWritesTheNetworkHeader() {
        FieldAccessSites s = FieldAccessSites.of(CheckIPHeader.class, PUSH);
        assertEquals(1, s.writeSites("network_header"), s.toString());
        assertEquals(1, s.writeSites("transport_header"), "set_network_header sets both");
        assertEquals(1, s.writeSites("dst_ip"));
        assertEquals(1, s.writeSites("length"), "take() trims the tail");
        assertTrue(s.readSites("length") >= 2, "length() and take()");
        // u8/u16/u32 in the element and the u16 reads of Checksum.of in the driver's helper.
        assertTrue(s.readSites("data_offset") >= 6, s.toString());
        assertEquals(0, s.readSites("paint"));
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void decIPTTLReadsTheNetworkHeaderThroughItsHelper() {
        FieldAccessSites s = FieldAccessSites.of(DecIPTTL.class, PUSH);
        // Ip.hasBasicHeader (a static helper in the package): hasNetworkHeader, networkHeaderOffset;
        // then networkHeaderOffset in the element itself.
        assertEquals(3, s.readSites("network_header"), s.toString());
        assertEquals(0, s.writeSites("network_header"));
        assertTrue(s.readSites("data_offset") >= 4);
    }

    @Test
    void teeCopiesTheWholeMetadataArea() {
        FieldAccessSites s = FieldAccessSites.of(Tee.class, PUSH);
        assertEquals(1, s.readSites(PacketAccessors.ALL), s.toString());
        assertEquals(1, s.writeSites(PacketAccessors.ALL));
    }

    @Test
    void infiniteSourceAllocatesAndFills() {
        FieldAccessSites s = FieldAccessSites.of(InfiniteSource.class, Set.of("runTask"));
        assertEquals(1, s.writeSites("timestamp"), s.toString());
        assertEquals(1, s.writeSites("length"));
        assertEquals(1, s.writeSites(PacketAccessors.ALL), "PacketPool.alloc clears the metadata");
    }

    @Test
    void queuePushTouchesNoMetadata() {
        assertTrue(FieldAccessSites.of(Queue.class, Set.of("push", "pull")).fields().isEmpty());
    }

    @Test
    void entryPointsFollowTheResolvedProcessing() throws Exception {
        Router r = Routers.build("InfiniteSource -> q :: Queue -> p :: Paint(2) -> Unqueue -> Discard;");
        try {
            assertEquals(Set.of("paint", PacketAccessors.NAMED), FieldAccessSites.of(r.element("p")).fields());
        } finally {
            r.close();
        }
    }

    /** Every public Packet method is in the accessor table, so no accessor goes uncounted. */
    @Test
    void accessorTableCoversEveryPacketMethod() {
        for (Method m : Packet.class.getMethods()) {
            if (m.getDeclaringClass() == Object.class && !Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            assertTrue(PacketAccessors.knows(m.getName()), "Packet." + m.getName() + " is not in PacketAccessors");
        }
    }

    /** The profile multiplies the sites by the packets into the element. */
    @Test
    void profileEstimatesAccessesAsSitesTimesPackets() throws Exception {
        Router r = Routers.build("src :: InfiniteSource(LIMIT 64) -> c :: Counter -> p :: Paint(1) -> Discard;");
        try (AutoCloseable cache = io.jmill.layout.PacketPool.attachCurrentThread()) {
            Profiler profiler = new Profiler(r);
            profiler.start();
            ((io.jmill.engine.runtime.Task) r.element("src")).runTask();
            ((io.jmill.engine.runtime.Task) r.element("src")).runTask();
            profiler.stop();
            Profile p = profiler.snapshot();
            Profile.FieldAccess paint = p.fields().stream()
                    .filter(f -> f.element().equals("p") && f.field().equals("paint")).findFirst().orElseThrow();
            assertEquals(new Profile.FieldAccess("p", "paint", 0, 64, 0, 1, "static-sites-x-packets"), paint);
            Profile.FieldAccess length = p.fields().stream()
                    .filter(f -> f.element().equals("c") && f.field().equals("length")).findFirst().orElseThrow();
            assertEquals(64, length.reads());
            assertTrue(p.fieldTotals().containsKey("paint"));
            assertTrue(p.fieldAccesses().getFirst().total() >= p.fieldAccesses().getLast().total());
        } finally {
            r.close();
        }
    }
}
