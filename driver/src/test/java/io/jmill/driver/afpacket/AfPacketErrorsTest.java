package io.jmill.driver.afpacket;

import io.jmill.driver.DeviceException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening errors say what is wrong and what to do. None of these needs root. */
class AfPacketErrorsTest {
    @Test
    void missingInterface() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> AfPacketDevice.open(AfPacketOptions.builder("jmnosuch0").build()));
        assertEquals("no such interface 'jmnosuch0'", e.getMessage());
        e = assertThrows(DeviceException.class, () -> AfPacketDevice.open(AfPacketOptions.builder("much-too-long-name0").build()));
        assertEquals("no such interface 'much-too-long-name0'", e.getMessage());
    }

    @Test
    void missingNetworkNamespace() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> AfPacketDevice.open(AfPacketOptions.builder("lo").netns("jmnosuchns").build()));
        assertEquals("no such network namespace 'jmnosuchns' (/var/run/netns/jmnosuchns)", e.getMessage());
    }

    @Test
    void badQueueCount() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> AfPacketDevice.open(AfPacketOptions.builder("lo").queues(0).build()));
        assertEquals("bad queue count 0 for lo: must be between 1 and 64", e.getMessage());
        e = assertThrows(DeviceException.class, () -> AfPacketDevice.open(AfPacketOptions.builder("lo").queues(65).build()));
        assertEquals("bad queue count 65 for lo: must be between 1 and 64", e.getMessage());
    }

    /** Capabilities are per thread in Linux: this thread gives up CAP_NET_RAW (a no-op when not root). */
    @Test
    void withoutCapNetRaw() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            if (!Capabilities.dropEffective(Capabilities.CAP_NET_RAW)) {
                outcome.set(new IllegalStateException("capset failed"));
                return;
            }
            try {
                AfPacketDevice.open(AfPacketOptions.builder("lo").build()).close();
                outcome.set(new AssertionError("opened without CAP_NET_RAW"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();
        Throwable e = outcome.get();
        assertTrue(e instanceof DeviceException, String.valueOf(e));
        assertEquals("permission denied opening AF_PACKET socket on lo: run as root or grant CAP_NET_RAW", e.getMessage());
    }
}
