package io.jmill.elements.device;

import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Configuration errors of FromDevice and ToDevice; none needs root. */
class DeviceConfigTest {
    private static List<String> errors(String config) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.graph(config, 0, 0).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void missingInterface() {
        assertEquals(List.of("no such interface 'jmnosuch9'"), errors("FromDevice(jmnosuch9) -> Discard;"));
        assertEquals(List.of("no such interface 'jmnosuch9'"), errors("Idle -> ToDevice(jmnosuch9);"));
    }

    @Test
    void unsupportedClickSettings() {
        assertEquals(List.of("SNIFFER false is not supported: JMill does not install KernelFilter rules; drop the frames in "
                        + "the kernel yourself (iptables/nftables) if it should not see them"),
                errors("FromDevice(lo, SNIFFER false) -> Discard;"));
        assertEquals(List.of("METHOD: LINUX (AF_PACKET) or AF_XDP, not 'PCAP'"),
                errors("FromDevice(lo, METHOD PCAP) -> Discard;"));
        assertEquals(List.of("unknown keyword 'BPF_FILTER'"), errors("FromDevice(lo, BPF_FILTER \"udp\") -> Discard;"));
        assertEquals(List.of("SNAPLEN: must be between 64 and 2048, got 9000"), errors("FromDevice(lo, SNAPLEN 9000) -> Discard;"));
    }

    @Test
    void afXdpKeywords() {
        assertEquals(List.of("XDP_MODE needs METHOD AF_XDP"), errors("FromDevice(lo, XDP_MODE native) -> Discard;"));
        assertEquals(List.of("PROMISC is not supported with METHOD AF_XDP"),
                errors("FromDevice(lo, METHOD AF_XDP, PROMISC true) -> Discard;"));
        assertEquals(List.of("MODEL overlaying is not supported with METHOD AF_XDP (copying or xchange)"),
                errors("Idle -> ToDevice(lo, METHOD AF_XDP, MODEL overlaying);"));
        assertEquals(List.of("no such interface 'jmnosuch9'"), errors("FromDevice(jmnosuch9, METHOD AF_XDP) -> Discard;"));
        assertEquals("device 'lo': COPY_MODE is copy in e/a but zerocopy in e/b (elements sharing a device must agree on"
                        + " its settings)",
                errors("a :: FromDevice(lo, METHOD AF_XDP, COPY_MODE copy) -> b :: ToDevice(lo, METHOD AF_XDP, COPY_MODE zerocopy);")
                        .get(0));
    }

    @Test
    void queuesMustFitAndNotBeShared() {
        assertEquals(List.of("QUEUE 2 does not exist with N_QUEUES 2"), errors("FromDevice(lo, QUEUE 2, N_QUEUES 2) -> Discard;"));
        assertEquals("transmit queue 0 of 'lo' is also used by e/b (one element per queue and direction)",
                errors("Idle -> a :: ToDevice(lo); Idle -> b :: ToDevice(lo);").get(0));
    }
}
