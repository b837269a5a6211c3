package io.jmill.driver.pcap;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PcapReaderWriterTest {
    @TempDir
    Path dir;

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    /** One packet as the tests see it. */
    record Rec(long tsNanos, byte[] data, long original) {
    }

    private static List<Rec> frames(int n, long seed) {
        Random rnd = new Random(seed);
        List<Rec> out = new ArrayList<>();
        long ts = 1_700_000_000_123_456_000L;
        for (int i = 0; i < n; i++) {
            int len = 60 + rnd.nextInt(1455);
            byte[] f = FrameBuilder.udp().src("10.0.0." + (1 + i % 200), 1000 + i).dst("10.1.0.1", 53)
                    .frameLength(len).fill(i).build();
            out.add(new Rec(ts, f, f.length));
            ts += 1_000L * (1 + rnd.nextInt(5000));
        }
        return out;
    }

    private Path writeWithWriter(String name, List<Rec> recs, boolean nanos, long snaplen) throws IOException {
        Path f = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(f, nanos, snaplen, PcapFormat.LINKTYPE_ETHERNET)) {
            for (Rec r : recs) {
                Packet p = PacketPool.alloc(r.data);
                p.setTimestampNanos(r.tsNanos);
                w.write(p);
                p.kill();
            }
        }
        return f;
    }

    /** Reads every record; kills the packets. */
    private static List<Rec> readAll(PcapReader r) throws PcapException {
        List<Rec> out = new ArrayList<>();
        while (true) {
            Packet p = PacketPool.alloc();
            assertNotNull(p);
            try {
                if (!r.next(p)) {
                    return out;
                }
                out.add(new Rec(p.timestampNanos(), p.toByteArray(), p.length() + p.anno(PcapFormat.EXTRA_LENGTH)));
            } finally {
                p.kill();
            }
        }
    }

    private static void assertSame(List<Rec> expected, List<Rec> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).data, actual.get(i).data, "data of record " + i);
            assertEquals(expected.get(i).tsNanos, actual.get(i).tsNanos, "timestamp of record " + i);
            assertEquals(expected.get(i).original, actual.get(i).original, "original length of record " + i);
        }
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void microsecondRoundTripSpansManyBufferRefills() throws IOException {
        List<Rec> recs = frames(600, 1); // ~470 KB: records straddle the 256 KB read buffer
        Path f = writeWithWriter("us.pcap", recs, false, 65535);
        try (PcapReader r = PcapReader.open(f)) {
            assertFalse(r.nanosecond());
            assertEquals(ByteOrder.LITTLE_ENDIAN, r.byteOrder());
            assertEquals(65535, r.snaplen());
            assertEquals(PcapFormat.LINKTYPE_ETHERNET, r.linkType());
            assertEquals(2, r.versionMajor());
            assertEquals(4, r.versionMinor());
            assertEquals(Files.size(f), r.fileSize());
            assertSame(recs, readAll(r));
            assertEquals(600, r.packetsRead());
            assertEquals(Files.size(f), r.position());
        }
        // magic a1b2c3d4 written little-endian
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}, Arrays.copyOf(bytes, 4));
    }

    @Test
    void nanosecondRoundTripKeepsNanoseconds() throws IOException {
        List<Rec> recs = new ArrayList<>();
        for (Rec r : frames(20, 2)) {
            recs.add(new Rec(r.tsNanos + 789, r.data, r.original));
        }
        Path f = writeWithWriter("ns.pcap", recs, true, 65535);
        try (PcapReader r = PcapReader.open(f)) {
            assertTrue(r.nanosecond());
            assertSame(recs, readAll(r));
        }
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1}, Arrays.copyOf(bytes, 4));
    }

    @Test
    void timestampsAcrossSecondsAndBackInTimeKeepTheirSecondAndNanoseconds() throws IOException {
        long[] times = {999_999_999L, 1_000_000_000L, 1_000_000_001L, 5_000_000_007L, 2_000_000_000L, 0L,
                1_999_999_999L, 2_000_000_000L, 4_294_967_295_999_999_999L, 7L};
        byte[] small = FrameBuilder.udp().build();
        byte[] large = new byte[300]; // past the short-record path
        Arrays.fill(large, (byte) 0x5a);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            byte[] d = i % 3 == 2 ? large : small;
            recs.add(new Rec(times[i], d, d.length));
        }
        try (PcapReader r = PcapReader.open(writeWithWriter("seconds.pcap", recs, true, 65535))) {
            assertSame(recs, readAll(r));
        }
    }

    @Test
    void microsecondFilesDropSubMicrosecondDigits() throws IOException {
        Rec in = new Rec(5_000_000_123_456_789L, FrameBuilder.udp().build(), 60);
        Path f = writeWithWriter("cut.pcap", List.of(in), false, 65535);
        try (PcapReader r = PcapReader.open(f)) {
            assertEquals(5_000_000_123_456_000L, readAll(r).getFirst().tsNanos);
        }
    }

    @Test
    void readThenWriteIsByteIdentical() throws IOException {
        Path a = writeWithWriter("a.pcap", frames(50, 3), false, 65535);
        Path b = dir.resolve("b.pcap");
        try (PcapReader r = PcapReader.open(a);
             PcapWriter w = PcapWriter.create(b, r.nanosecond(), r.snaplen(), r.linkType())) {
            Packet p = PacketPool.alloc();
            while (r.next(p)) {
                w.write(p);
            }
            p.kill();
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    // ------------------------------------------------------------------ byte orders, crafted by hand

    /** A pcap file written field by field, in any byte order. */
    private static byte[] craft(ByteOrder order, int magic, int major, int minor, long snaplen, int linkType,
                                long[][] headers, byte[][] datas) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(order);
        b.putInt(magic).putShort((short) major).putShort((short) minor).putInt(0).putInt(0)
                .putInt((int) snaplen).putInt(linkType);
        for (int i = 0; i < headers.length; i++) {
            for (long v : headers[i]) {
                b.putInt((int) v);
            }
            b.put(datas[i]);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void bigEndianMicrosecondFile() throws IOException {
        byte[] d0 = FrameBuilder.udp().frameLength(64).fill(0x11).build();
        byte[] d1 = FrameBuilder.tcp().frameLength(100).fill(0x22).build();
        byte[] bytes = craft(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 1500, 1,
                new long[][] {{1000, 250_000, 64, 64}, {1001, 999_999, 100, 1400}}, new byte[][] {d0, d1});
        assertArrayEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4}, Arrays.copyOf(bytes, 4));
        try (PcapReader r = PcapReader.open(file("be-us.pcap", bytes))) {
            assertEquals(ByteOrder.BIG_ENDIAN, r.byteOrder());
            assertFalse(r.nanosecond());
            assertEquals(1500, r.snaplen());
            List<Rec> got = readAll(r);
            assertSame(List.of(new Rec(1000_250_000_000L, d0, 64), new Rec(1001_999_999_000L, d1, 1400)), got);
            assertEquals(1400, r.lastOriginalLength());
            assertEquals(100, r.lastCapturedLength());
            assertEquals(24 + 16 + 64, r.lastRecordOffset());
        }
    }

    @Test
    void bigEndianNanosecondFile() throws IOException {
        byte[] d0 = FrameBuilder.udp().frameLength(70).fill(0x33).build();
        byte[] bytes = craft(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_NANOS, 2, 4, 65535, 1,
                new long[][] {{0xF000_0000L, 123_456_789, 70, 70}}, new byte[][] {d0});
        try (PcapReader r = PcapReader.open(file("be-ns.pcap", bytes))) {
            assertEquals(ByteOrder.BIG_ENDIAN, r.byteOrder());
            assertTrue(r.nanosecond());
            // seconds are unsigned: 0xF0000000 is after 2038
            assertSame(List.of(new Rec(0xF000_0000L * 1_000_000_000L + 123_456_789L, d0, 70)), readAll(r));
        }
    }

    @Test
    void littleEndianCraftedNanosecondFile() throws IOException {
        byte[] d0 = FrameBuilder.udp().build();
        byte[] bytes = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_NANOS, 2, 4, 65535, 1,
                new long[][] {{7, 8, d0.length, d0.length}}, new byte[][] {d0});
        try (PcapReader r = PcapReader.open(file("le-ns.pcap", bytes))) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, r.byteOrder());
            assertSame(List.of(new Rec(7_000_000_008L, d0, d0.length)), readAll(r));
        }
    }

    @Test
    void rawIpLinkTypeIsAccepted() throws IOException {
        byte[] ip = Arrays.copyOfRange(FrameBuilder.udp().build(), 14, 60);
        byte[] bytes = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 65535, 101,
                new long[][] {{1, 0, ip.length, ip.length}}, new byte[][] {ip});
        try (PcapReader r = PcapReader.open(file("raw.pcap", bytes))) {
            assertEquals(PcapFormat.LINKTYPE_RAW, r.linkType());
            assertEquals(1, readAll(r).size());
        }
    }

    // ------------------------------------------------------------------ snap lengths and packet room

    @Test
    void snaplenCutsRecordsAndOriginalLengthSurvives() throws IOException {
        byte[] big = FrameBuilder.udp().frameLength(300).fill(0x5A).build();
        Path f = dir.resolve("snap.pcap");
        try (PcapWriter w = PcapWriter.create(f, false, 100, PcapFormat.LINKTYPE_ETHERNET)) {
            Packet p = PacketPool.alloc(big);
            p.setTimestampNanos(1_000_000_000L);
            w.write(p);
            p.kill();
        }
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(100, raw.getInt(16), "snaplen in the file header");
        assertEquals(100, raw.getInt(24 + 8), "captured length");
        assertEquals(300, raw.getInt(24 + 12), "original length");
        assertEquals(24 + 16 + 100, raw.capacity());
        try (PcapReader r = PcapReader.open(f)) {
            Packet p = PacketPool.alloc();
            assertTrue(r.next(p));
            assertEquals(100, p.length());
            assertArrayEquals(Arrays.copyOf(big, 100), p.toByteArray());
            assertEquals(200, p.anno(PcapFormat.EXTRA_LENGTH));
            assertEquals(0, r.truncatedPackets(), "cut by the file's snaplen, not by the packet's room");
            p.kill();
        }
    }

    @Test
    void recordsLongerThanThePacketRoomAreCutAndCounted() throws IOException {
        byte[] jumbo = new byte[9000];
        new Random(4).nextBytes(jumbo);
        byte[] small = FrameBuilder.udp().build();
        byte[] bytes = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 65535, 1,
                new long[][] {{1, 0, jumbo.length, jumbo.length}, {2, 0, small.length, small.length}},
                new byte[][] {jumbo, small});
        try (PcapReader r = PcapReader.open(file("jumbo.pcap", bytes))) {
            Packet p = PacketPool.alloc();
            int room = Packet.capacity() - p.headroom();
            assertEquals(PacketPool.DATA_SIZE, room);
            assertTrue(r.next(p));
            assertEquals(room, p.length());
            assertArrayEquals(Arrays.copyOf(jumbo, room), p.toByteArray());
            assertEquals(9000 - room, p.anno(PcapFormat.EXTRA_LENGTH));
            assertEquals(1, r.truncatedPackets());
            assertTrue(r.next(p), "the next record is found after the skipped bytes");
            assertArrayEquals(small, p.toByteArray());
            assertFalse(r.next(p));
            p.kill();
        }
    }

    // ------------------------------------------------------------------ damaged files

    @Test
    void everyCutPointGivesACleanEndOrAPcapException() throws IOException {
        List<Rec> recs = frames(3, 5);
        byte[] whole = Files.readAllBytes(writeWithWriter("whole.pcap", recs, false, 65535));
        List<Integer> boundaries = new ArrayList<>();
        int at = 24;
        boundaries.add(at);
        for (Rec r : recs) {
            at += 16 + r.data.length;
            boundaries.add(at);
        }
        for (int cut = 0; cut <= whole.length; cut++) {
            Path f = file("cut" + cut + ".pcap", Arrays.copyOf(whole, cut));
            List<Rec> got = new ArrayList<>();
            PcapException error = null;
            try (PcapReader r = PcapReader.open(f)) {
                while (true) {
                    Packet p = PacketPool.alloc();
                    try {
                        if (!r.next(p)) {
                            break;
                        }
                        got.add(new Rec(p.timestampNanos(), p.toByteArray(), 0));
                    } finally {
                        p.kill();
                    }
                }
            } catch (PcapException e) {
                error = e;
            } catch (RuntimeException e) {
                fail("cut at " + cut + ": unexpected " + e, e);
            }
            int complete = 0;
            while (complete + 1 < boundaries.size() && boundaries.get(complete + 1) <= cut) {
                complete++;
            }
            assertEquals(complete, got.size(), "cut at " + cut + ": complete records read");
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(recs.get(i).data, got.get(i).data, "cut at " + cut + ", record " + i);
            }
            if (boundaries.contains(cut)) {
                assertEquals(null, error, "cut at a record boundary " + cut + " is a clean end");
            } else {
                assertNotNull(error, "cut at " + cut + " must be reported");
                assertTrue(error.getMessage().startsWith(f.toString() + ": "), error.getMessage());
                if (cut < 24) {
                    assertEquals(-1 == error.offset() || error.offset() == 0, true, error.getMessage());
                } else {
                    int start = boundaries.get(complete);
                    assertEquals(start, error.offset(), error.getMessage());
                    assertTrue(error.getMessage().contains("at offset " + start), error.getMessage());
                    if (cut - start < 16) {
                        assertEquals(f + ": truncated header of record " + (complete + 1) + " at offset " + start + " (" + (cut - start)
                                + " of 16 bytes)", error.getMessage());
                    } else {
                        int len = recs.get(complete).data.length;
                        assertEquals(f + ": truncated record " + (complete + 1) + " at offset " + start + " (" + (cut - start - 16)
                                + " of " + len + " data bytes)", error.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void aFailedReaderKeepsFailing() throws IOException {
        byte[] whole = Files.readAllBytes(writeWithWriter("w.pcap", frames(1, 6), false, 65535));
        Path f = file("t.pcap", Arrays.copyOf(whole, whole.length - 1));
        try (PcapReader r = PcapReader.open(f)) {
            Packet p = PacketPool.alloc();
            PcapException first = assertThrows(PcapException.class, () -> r.next(p));
            PcapException again = assertThrows(PcapException.class, () -> r.next(p));
            assertEquals(first.getMessage(), again.getMessage());
            assertEquals(first, r.failure());
            p.kill();
        }
    }

    @Test
    void headerProblemsAreNamed() throws IOException {
        assertEquals("x.pcap: empty file: not a pcap file", openError(file("x.pcap", new byte[0])).replace(dir + "/", ""));
        assertEquals("x.pcap: too short to be a pcap file (3 bytes)",
                openError(file("x.pcap", new byte[] {1, 2, 3})).replace(dir + "/", ""));
        assertEquals("x.pcap: bad magic 0x48656c6c: not a pcap file",
                openError(file("x.pcap", "Hello, this is text, not a capture".getBytes())).replace(dir + "/", ""));
        assertTrue(openError(file("x.pcap", new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0}))
                .contains("pcapng file (magic 0x0a0d0d0a): only classic pcap is supported"));
        assertTrue(openError(file("x.pcap", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}))
                .contains("gzip-compressed file"));
        byte[] good = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 65535, 1, new long[0][], new byte[0][]);
        assertEquals("x.pcap: truncated file header (20 of 24 bytes)",
                openError(file("x.pcap", Arrays.copyOf(good, 20))).replace(dir + "/", ""));
        assertEquals("x.pcap: unsupported pcap version 3.0 (expected 2.4)", openError(file("x.pcap",
                craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 3, 0, 65535, 1, new long[0][], new byte[0][])))
                .replace(dir + "/", ""));
        assertEquals("x.pcap: link type 105 (IEEE802_11) is not supported (supported: 1 ETHERNET, 101 RAW)",
                openError(file("x.pcap", craft(ByteOrder.BIG_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 65535, 105,
                        new long[0][], new byte[0][]))).replace(dir + "/", ""));
        assertEquals(dir.resolve("missing.pcap") + ": no such file", openError(dir.resolve("missing.pcap")));
        assertEquals(dir + ": is a directory", openError(dir));
    }

    private static String openError(Path f) {
        PcapException e = assertThrows(PcapException.class, () -> PcapReader.open(f).close());
        return e.getMessage();
    }

    @Test
    void oversizedRecordIsCorrupt() throws IOException {
        byte[] d = new byte[64];
        byte[] bytes = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 65535, 1,
                new long[][] {{1, 0, 64, 64}, {2, 0, 70000, 70000}}, new byte[][] {d, d});
        Path f = file("big.pcap", bytes);
        try (PcapReader r = PcapReader.open(f)) {
            Packet p = PacketPool.alloc();
            assertTrue(r.next(p));
            PcapException e = assertThrows(PcapException.class, () -> r.next(p));
            assertEquals(f + ": record 2 at offset 104 claims 70000 bytes, more than the file allows"
                    + " (65535: the larger of its snap length 65535 and 65535)", e.getMessage());
            assertEquals(104, e.offset());
            p.kill();
        }
        // A small snaplen still allows the classic 65535-byte maximum (files with a wrong snaplen exist).
        byte[] small = craft(ByteOrder.LITTLE_ENDIAN, PcapFormat.MAGIC_MICROS, 2, 4, 96, 1,
                new long[][] {{1, 0, 64, 64}}, new byte[][] {d});
        try (PcapReader r = PcapReader.open(file("small.pcap", small))) {
            assertEquals(1, readAll(r).size());
        }
    }

    @Test
    void writerRejectsBadSnaplenAndMissingDirectory() {
        assertThrows(IllegalArgumentException.class,
                () -> PcapWriter.create(dir.resolve("x.pcap"), false, 0, PcapFormat.LINKTYPE_ETHERNET));
        PcapException e = assertThrows(PcapException.class,
                () -> PcapWriter.create(dir.resolve("no/such/dir/x.pcap"), false, 65535, PcapFormat.LINKTYPE_ETHERNET));
        assertEquals(dir.resolve("no/such/dir/x.pcap") + ": no such file", e.getMessage());
    }

    @Test
    void writerWritesBigEndianWhenAsked() throws IOException {
        Path f = dir.resolve("be.pcap");
        byte[] d = FrameBuilder.udp().build();
        try (PcapWriter w = PcapWriter.open(f.toString(), java.nio.channels.FileChannel.open(f,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE), true, true, 65535,
                PcapFormat.LINKTYPE_ETHERNET, ByteOrder.BIG_ENDIAN)) {
            w.write(3_000_000_004L, d, 0, d.length, d.length);
            assertEquals(1, w.packetsWritten());
            assertEquals(24 + 16 + d.length, w.position());
        }
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d}, Arrays.copyOf(bytes, 4));
        try (PcapReader r = PcapReader.open(f)) {
            assertEquals(ByteOrder.BIG_ENDIAN, r.byteOrder());
            assertSame(List.of(new Rec(3_000_000_004L, d, d.length)), readAll(r));
        }
    }

    /**
     * Short records take word moves (up to 7 bytes copied past the data); every length from 1 to
     * 300 bytes, in both byte orders, with and without a snap length, past the end of the write buffer,
     * and with the data at the very end of its buffer (where the words would run past it), must
     * read back exactly as written.
     */
    @Test
    void shortRecordsOfEveryLengthRoundTripInBothByteOrders() throws IOException {
        Random rnd = new Random(7);
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (long snaplen : new long[] {65535, 37}) {
                Path f = dir.resolve("short-" + order + "-" + snaplen + ".pcap");
                List<Rec> expected = new ArrayList<>();
                long ts = 1_700_000_000_999_999_000L;
                try (PcapWriter w = PcapWriter.open(f.toString(), java.nio.channels.FileChannel.open(f,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE), true, true,
                        snaplen, PcapFormat.LINKTYPE_ETHERNET, order)) {
                    for (int i = 0; i < 6000; i++) {
                        int len = 1 + i % 300;
                        byte[] data = new byte[len];
                        rnd.nextBytes(data);
                        Packet p = PacketPool.alloc(data);
                        if (i % 7 == 0) { // the data's last byte is the buffer's last byte
                            assertTrue(p.shiftData(PacketPool.BUFFER_SIZE - p.dataOffset() - len));
                        }
                        w.write(p, ts, len + i % 3);
                        p.kill();
                        int kept = (int) Math.min(len, snaplen);
                        expected.add(new Rec(ts, Arrays.copyOf(data, kept), len + i % 3));
                        ts += 1_234_567L;
                    }
                }
                try (PcapReader r = PcapReader.open(f)) {
                    assertEquals(order, r.byteOrder());
                    assertSame(expected, readAll(r));
                }
                assertTrue(Files.size(f) > (1 << 18), "the records wrapped the write buffer");
            }
        }
    }

    @Test
    void closedWriterRefusesWrites() throws IOException {
        PcapWriter w = PcapWriter.create(dir.resolve("c.pcap"), false, 65535, PcapFormat.LINKTYPE_ETHERNET);
        w.close();
        w.close();
        assertThrows(PcapException.class, () -> w.write(0, new byte[1], 0, 1, 1));
        assertEquals(24, Files.size(dir.resolve("c.pcap")));
    }
}
