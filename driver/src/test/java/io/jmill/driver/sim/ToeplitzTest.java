package io.jmill.driver.sim;

import io.jmill.driver.net.Addresses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Microsoft's published RSS verification vectors (IPv4, and IPv4 with TCP ports). */
class ToeplitzTest {
    private static void check(String dst, int dport, String src, int sport, int ipOnly, int withPorts) {
        int s = Addresses.ip(src);
        int d = Addresses.ip(dst);
        assertEquals(ipOnly, Toeplitz.hash(s, d), "2-tuple " + src + " > " + dst);
        assertEquals(withPorts, Toeplitz.hash(s, d, sport, dport), "4-tuple " + src + " > " + dst);
    }

    @Test
    void microsoftVectors() {
        check("161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178);
        check("65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea);
        check("12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a);
        check("209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f);
        check("202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2);
    }

    @Test
    void redirectionTableIsRoundRobinOverLowBits() {
        assertEquals(0, Toeplitz.queue(0x80, 4));
        assertEquals(3, Toeplitz.queue(0x83, 4));
        assertEquals(127 % 3, Toeplitz.queue(0xFFFF_FFFF, 3));
    }
}
