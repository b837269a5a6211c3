package io.jmill.elements.file;

import io.jmill.elements.file.Traces.Frame;
import io.jmill.engine.router.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.file.Traces.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capture damaged in the middle, read by a running router: the packets before the damage go
 * through, the damage is reported once with the record's number and offset, and the router ends
 * as at the end of the file.
 */
class CorruptCaptureTest {
    @TempDir
    Path dir;

    @Test
    void aRecordWithAnImpossibleLengthInTheMiddleEndsTheFileWithItsNumber() throws Exception {
        List<Frame> frames = Traces.udpFrames(10);
        byte[] bytes = Files.readAllBytes(Traces.write(dir.resolve("whole.pcap"), frames));
        int offset = 24;
        for (int i = 0; i < 6; i++) {
            offset += 16 + frames.get(i).data().length;
        }
        // record 7 claims 1 GB of data
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset + 8, 1 << 30);
        Path in = Files.write(dir.resolve("corrupt.pcap"), bytes);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8)); // FromDump reports to standard error
        Router r;
        try {
            r = Traces.router("fd :: FromDump(" + q(in) + ", STOP true) -> c :: Counter -> Discard;");
        } finally {
            System.setErr(old);
        }
        try {
            r.start(1);
            assertTrue(r.awaitStop(30, TimeUnit.SECONDS));
        } finally {
            r.close();
        }
        assertEquals("6", r.read("c.count"), "the six records before it went through");
        assertEquals("1", r.read("fd.errors"));
        String error = r.read("fd.error");
        assertTrue(error.startsWith(in + ": record 7 at offset " + offset + " claims 1073741824 bytes"), error);
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().filter(l -> l.contains("record 7")).count(), log);
        assertEquals(0, r.taskErrors());
    }
}
