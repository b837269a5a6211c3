package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.Linux;
import org.junit.jupiter.api.Assumptions;

/** Skips a test class where the kernel lacks BPF or AF_XDP; a missing permission is not a reason to skip. */
final class XdpSupport {
    private XdpSupport() {
    }

    static void assumeKernelHasIt() {
        try {
            int map = Bpf.createMap(Bpf.MAP_TYPE_XSKMAP, 4, 1, "jmill_probe");
            closeFd(map);
        } catch (DeviceException e) {
            String m = e.getMessage();
            Assumptions.assumeFalse(m.contains("errno " + Linux.ENOSYS + ")") || m.contains("errno " + Linux.EINVAL + ")"),
                    "skipped: the kernel has no BPF or no XSKMAP: " + m);
        }
    }

    private static void closeFd(int fd) throws DeviceException {
        try (var a = java.lang.foreign.Arena.ofConfined()) {
            int ignored = (int) Linux.CLOSE.invokeExact(Linux.newErrnoState(a), fd);
        } catch (Throwable t) {
            throw new DeviceException(t.toString(), t);
        }
    }
}
