package io.jmill.engine.jmx;

import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Remote JMX access to the platform MBeanServer (and so to every router registered with
 * {@link RouterJmx}), over RMI. Opt-in: nothing listens until {@link #start} is called.
 *
 * <pre>{@code
 * try (JmxRemote remote = JmxRemote.start(9010)) {    // 0 picks a free port
 *     System.out.println("jconsole " + remote.url());  // service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi
 *     ...
 * }
 * }</pre>
 *
 * <p><b>No authentication, no TLS.</b> Anyone who can connect can invoke any operation of any
 * MBean in the JVM (stop routers, write handlers, dump the heap). That is why {@link #start}
 * binds the RMI registry and the connector's RMI objects to the loopback interface only: only
 * local users can connect, the same reach the attach mechanism already gives jconsole. To reach
 * a loopback-only server from elsewhere, tunnel its port (e.g. with SSH). Listening on every
 * interface takes the explicit {@link #startOnAllInterfaces}.
 *
 * <p>One port serves both the RMI registry (which the URL names) and the connector's RMI
 * objects, so one firewall rule or one tunnel ({@code ssh -L 9010:127.0.0.1:9010 host}) is enough.
 *
 * <p>Side effect: in loopback mode, if the system property {@code java.rmi.server.hostname} is
 * unset, it is set to the loopback address and left set. RMI writes that host name into every
 * remote reference it exports (by default this machine's address, on which a loopback-bound
 * socket does not answer) and reads the property again for each export, including the one it
 * makes per client connection, so it must stay set while the server lives.
 */
public final class JmxRemote implements AutoCloseable {
    static final String RMI_HOSTNAME = "java.rmi.server.hostname";
    /** The registry name clients look up; the JDK's own agent and jconsole use it too. */
    static final String BINDING = "jmxrmi";

    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;
    private final int port;
    private final InetAddress bindAddress;
    private boolean closed;

    private JmxRemote(Registry registry, JMXConnectorServer server, JMXServiceURL url, int port,
                      InetAddress bindAddress) {
        this.registry = registry;
        this.server = server;
        this.url = url;
        this.port = port;
        this.bindAddress = bindAddress;
    }

    /**
     * Starts a connector reachable from this machine only (bound to the loopback address).
     *
     * @param port the port to listen on; 0 picks a free one (see {@link #port()})
     * @throws IOException           if the port is taken or the connector cannot start
     * @throws IllegalStateException if {@code java.rmi.server.hostname} names a non-loopback
     *                               address (clients would be sent where nothing listens)
     */
    public static JmxRemote start(int port) throws IOException {
        checkPort(port);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        pointStubsAt(loopback);
        return start(port, loopback, host(loopback));
    }

    /**
     * Starts a connector listening on every interface. Without authentication, anyone who can
     * reach the port controls this JVM: use only on an isolated network.
     *
     * <p>Remote references name {@code java.rmi.server.hostname} if set (an earlier {@link #start}
     * in this JVM sets it to the loopback address), else this machine's address; set it to a
     * name remote clients can resolve if that default is wrong.
     *
     * @param port the port to listen on; 0 picks a free one (see {@link #port()})
     * @throws IOException if the port is taken or the connector cannot start
     */
    public static JmxRemote startOnAllInterfaces(int port) throws IOException {
        checkPort(port);
        String host = System.getProperty(RMI_HOSTNAME);
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = host(InetAddress.getLoopbackAddress());
            }
        }
        return start(port, null, host);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("JMX port must be between 0 and 65535, not " + port);
        }
    }

    private static JmxRemote start(int port, InetAddress bind, String urlHost) throws IOException {
        // Bind first, so that port 0 becomes a real port before RMI sees it: RMI never closes the
        // socket of an object exported on port 0 (it keeps it for later anonymous exports), but
        // closes an explicit port's socket once nothing is exported on it any more.
        ServerSocket socket = new ServerSocket(port, 0, bind);
        int actualPort = socket.getLocalPort();
        // The registry and the connector's RMI objects share this factory and port, so RMI
        // serves both from the one socket: one port to allow or to tunnel.
        SingleSocketFactory sockets = new SingleSocketFactory(socket, bind);
        Registry registry;
        try {
            // No client socket factory, on purpose: it would be serialized into the stubs, and a
            // client without JMill's classes (jconsole) could not load it.
            registry = LocateRegistry.createRegistry(actualPort, null, sockets);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        try {
            Map<String, Object> env = new HashMap<>();
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(actualPort, null, sockets, env);
            JMXConnectorServer server = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + urlHost + ":" + actualPort), env, rmiServer,
                    ManagementFactory.getPlatformMBeanServer());
            server.start();
            try {
                // Bound on the registry object itself, not through JNDI: a local call needs no
                // connection, so RMI's client-side connection cache cannot send it to a registry
                // that an earlier server on the same port left behind.
                registry.bind(BINDING, rmiServer.toStub());
            } catch (AlreadyBoundException | IOException | RuntimeException e) {
                server.stop();
                throw e instanceof IOException io ? io : new IOException("cannot bind the JMX connector", e);
            }
            JMXServiceURL url = new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://" + urlHost + ":" + actualPort + "/" + BINDING);
            return new JmxRemote(registry, server, url, actualPort,
                    bind == null ? new InetSocketAddress(0).getAddress() : bind);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw e;
        }
    }

    /** Makes RMI stubs exported from now on name {@code loopback}; see the class comment. */
    private static void pointStubsAt(InetAddress loopback) throws UnknownHostException {
        String current = System.getProperty(RMI_HOSTNAME);
        if (current == null) {
            System.setProperty(RMI_HOSTNAME, loopback.getHostAddress());
        } else if (!InetAddress.getByName(current).isLoopbackAddress()) {
            // Clients would be sent to an address this server does not listen on.
            throw new IllegalStateException(RMI_HOSTNAME + "=" + current + " is not a loopback address, so clients"
                    + " could not reach a loopback-only JMX server; unset it, or use startOnAllInterfaces");
        }
    }

    private static String host(InetAddress address) {
        String a = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + a + "]" : a;
    }

    /** The address clients connect to, e.g. {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi}. */
    public JMXServiceURL url() {
        return url;
    }

    /** The port listened on (the one chosen when 0 was asked for). */
    public int port() {
        return port;
    }

    /** The address the sockets are bound to: the loopback address, or the wildcard address. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** True unless started with {@link #startOnAllInterfaces}. */
    public boolean loopbackOnly() {
        return bindAddress.isLoopbackAddress();
    }

    /**
     * Stops the connector (closing client connections) and the registry, and frees the port.
     * Idempotent. RMI's accept thread closes the listening socket a moment (about a millisecond)
     * after this returns. A client in this same JVM that connected before may fail to reach a new
     * server on the same port for about 15 s, because RMI reuses its cached connection to the
     * old registry; clients in other processes are not affected.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            unexport(registry);
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // Already unexported: nothing left to close.
        }
    }

    /**
     * Hands RMI the socket bound in advance, and binds any other to the same address (null: every
     * interface). Identity equality is what we want: RMI serves every object exported with the
     * same port and an equal factory from one socket.
     */
    private static final class SingleSocketFactory implements RMIServerSocketFactory {
        private final InetAddress bind;
        private ServerSocket bound;

        SingleSocketFactory(ServerSocket bound, InetAddress bind) {
            this.bound = bound;
            this.bind = bind;
        }

        @Override
        public synchronized ServerSocket createServerSocket(int port) throws IOException {
            if (bound != null && port == bound.getLocalPort()) {
                ServerSocket s = bound;
                bound = null;
                return s;
            }
            return new ServerSocket(port, 0, bind);
        }
    }
}
