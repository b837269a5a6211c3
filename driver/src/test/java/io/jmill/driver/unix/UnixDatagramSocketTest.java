package io.jmill.driver.unix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnixDatagramSocketTest {
    private static long put(MemorySegment m, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, 0, b.length);
        return b.length;
    }

    private static String get(MemorySegment m, long n) {
        return new String(m.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    @Test
    void aClientAndAServerExchangeDatagramsAndTheServerAnswersTheLastSender(@TempDir Path dir) throws Exception {
        try (Arena a = Arena.ofConfined();
             UnixDatagramSocket server = UnixDatagramSocket.open(dir.resolve("server.sock"));
             UnixDatagramSocket client = UnixDatagramSocket.open(dir.resolve("client.sock"))) {
            MemorySegment buf = a.allocate(2048);
            assertEquals(-1, server.receive(buf.address(), 2048), "nothing waiting");
            assertEquals(-1, server.send(buf.address(), 1), "no destination yet");
            client.peer(dir.resolve("server.sock"));
            for (String m : new String[] {"one", "two, longer"}) {
                assertEquals(1, client.send(buf.address(), (int) put(buf, m)));
            }
            assertEquals("one", get(buf, server.receive(buf.address(), 2048)));
            assertEquals("two", get(buf, server.receive(buf.address(), 3)), "cut to the buffer, boundaries kept");
            assertEquals(1, server.send(buf.address(), (int) put(buf, "back")));
            assertEquals("back", get(buf, client.receive(buf.address(), 2048)));
            assertEquals(dir.resolve("server.sock"), server.boundPath());
        }
    }

    @Test
    void errorsSayWhat(@TempDir Path dir) throws Exception {
        try (Arena a = Arena.ofConfined(); UnixDatagramSocket s = UnixDatagramSocket.open(null)) {
            s.peer(dir.resolve("nobody.sock"));
            assertTrue(s.send(a.allocate(8).address(), 8) < -1, "no receiver: -errno");
        }
        try (UnixDatagramSocket s = UnixDatagramSocket.open(dir.resolve("a.sock"))) {
            IOException e = assertThrows(IOException.class, () -> UnixDatagramSocket.open(dir.resolve("a.sock")));
            assertTrue(e.getMessage().contains("bind(") && e.getMessage().contains("in use"), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> UnixDatagramSocket.open(dir.resolve("x".repeat(120))));
        assertTrue(e.getMessage().contains("longer than 107 bytes"), e.getMessage());
    }
}
