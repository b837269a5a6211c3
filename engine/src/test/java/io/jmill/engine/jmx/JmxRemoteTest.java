package io.jmill.engine.jmx;

import org.junit.jupiter.api.Test;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Collections;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JmxRemoteTest {

    @Test
    void listensOnLoopbackOnly() throws Exception {
        try (JmxRemote remote = JmxRemote.start(0)) {
            assertTrue(remote.loopbackOnly());
            assertTrue(remote.bindAddress().isLoopbackAddress());
            assertTrue(remote.port() > 0);

            // service:jmx:rmi:///jndi/rmi://127.0.0.1:<port>/jmxrmi
            String path = remote.url().getURLPath();
            assertTrue(path.startsWith("/jndi/rmi://"), path);
            URI registry = URI.create(path.substring("/jndi/".length()));
            assertTrue(InetAddress.getByName(registry.getHost()).isLoopbackAddress(), registry.toString());
            assertEquals(remote.port(), registry.getPort());
            assertEquals("/jmxrmi", registry.getPath());

            // Reachable on loopback...
            try (JMXConnector c = JMXConnectorFactory.connect(remote.url())) {
                assertTrue(c.getMBeanServerConnection().getMBeanCount() > 0);
            }
            // ...and not on this machine's other addresses.
            Optional<InetAddress> external = nonLoopbackAddress();
            assumeTrue(external.isPresent(), "no non-loopback address to try");
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> s.connect(new InetSocketAddress(external.get(), remote.port()), 2000),
                        "registry port answered on " + external.get());
            }
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        JmxRemote remote = JmxRemote.start(0);
        int port = remote.port();
        try (JMXConnector c = JMXConnectorFactory.connect(remote.url())) {
            c.getMBeanServerConnection().getMBeanCount();
        }
        remote.close();
        remote.close();
        awaitFree(port);
        // Started again on the same port: the connector is bound without a remote call, so RMI's
        // cached connection to the old registry does not get in the way.
        try (JmxRemote again = JmxRemote.start(port)) {
            assertEquals(port, again.port());
        }
    }

    /** RMI's accept thread closes the listening socket a moment after close() returns. */
    private static void awaitFree(int port) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                new ServerSocket(port, 0, InetAddress.getLoopbackAddress()).close();
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " still in use 2 s after close", e);
                }
                Thread.sleep(5);
            }
        }
    }

    @Test
    void rejectsBadPort() {
        assertThrows(IllegalArgumentException.class, () -> JmxRemote.start(-1));
        assertThrows(IllegalArgumentException.class, () -> JmxRemote.start(65536));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && a.getAddress().length == 4) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
