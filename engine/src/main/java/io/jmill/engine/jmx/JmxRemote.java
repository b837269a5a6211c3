package io.jmill.engine.jmx;

import javax.management.remote.JMXConnectorServer;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
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
import java.nio.file.Path;
import java.rmi.server.RMIClientSocketFactory;
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
 * <p><b>Loopback without authentication by default.</b> Without a password file, anyone who can
 * connect can invoke any operation of any MBean in the JVM (stop routers, write handlers, dump
 * the heap). That is why {@link #start(int)} binds the RMI registry and the connector's RMI
 * objects to the loopback interface only: only local users can connect, the same reach the
 * attach mechanism already gives jconsole.
 *
 * <p><b>Authentication, roles and TLS</b> ({@link Options}), the way the JVM's own agent does
 * them: a password file ({@code role password} lines, readable by its owner only), an access file
 * ({@code role readonly|readwrite}: read-only monitoring vs control, see {@link JmxAccessFile}),
 * and TLS with a key store ({@code javax.net.ssl.*} properties, or a file of them). Binding to
 * any address other than loopback without a password file is refused unless
 * {@link Options#allowUnauthenticated} says so explicitly.
 *
 * <p>One port serves both the RMI registry (which the URL names) and the connector's RMI
 * objects, so one firewall rule or one tunnel ({@code ssh -L 9010:127.0.0.1:9010 host}) is
 * enough. With TLS the registry speaks TLS too: a client looks it up with
 * {@code com.sun.jndi.rmi.factory.socket} set to an {@code SslRMIClientSocketFactory}
 * (jconsole does so by itself when the plain lookup fails).
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
    private final boolean authenticated;
    private final boolean tls;
    private boolean closed;

    private JmxRemote(Registry registry, JMXConnectorServer server, JMXServiceURL url, int port,
                      InetAddress bindAddress, boolean authenticated, boolean tls) {
        this.registry = registry;
        this.server = server;
        this.url = url;
        this.port = port;
        this.bindAddress = bindAddress;
        this.authenticated = authenticated;
        this.tls = tls;
    }

    /**
     * Starts a connector reachable from this machine only (bound to the loopback address),
     * without authentication.
     *
     * @param port the port to listen on; 0 picks a free one (see {@link #port()})
     * @throws IOException           if the port is taken or the connector cannot start
     * @throws IllegalStateException if {@code java.rmi.server.hostname} names a non-loopback
     *                               address (clients would be sent where nothing listens)
     */
    public static JmxRemote start(int port) throws IOException {
        return start(new Options().port(port));
    }

    /**
     * Starts a connector listening on every interface, without authentication (explicitly
     * allowed): anyone who can reach the port controls this JVM. Use only on an isolated network;
     * {@link #start(Options)} with a password file otherwise.
     *
     * @param port the port to listen on; 0 picks a free one (see {@link #port()})
     * @throws IOException if the port is taken or the connector cannot start
     */
    public static JmxRemote startOnAllInterfaces(int port) throws IOException {
        return start(new Options().port(port).allInterfaces().allowUnauthenticated());
    }

    /**
     * Starts a connector as {@code options} say.
     *
     * @throws IOException              if the port is taken, a file cannot be read, or the
     *                                  connector cannot start
     * @throws IllegalArgumentException if the options bind a non-loopback address without a
     *                                  password file and without {@link Options#allowUnauthenticated}
     * @throws IllegalStateException    as {@link #start(int)}, for a loopback bind
     */
    public static JmxRemote start(Options options) throws IOException {
        checkPort(options.port);
        boolean loopback = options.bind != null && options.bind.isLoopbackAddress();
        if (!loopback && options.passwordFile == null && !options.allowUnauthenticated) {
            throw new IllegalArgumentException("refusing to serve JMX on " + (options.bind == null ? "every interface"
                    : options.bind.getHostAddress()) + " without authentication: give a password file"
                    + " (--jmx-password-file), or allow it explicitly (--jmx-no-auth) on an isolated network");
        }
        Map<String, Object> env = new HashMap<>();
        JmxAccessFile access = null;
        if (options.passwordFile != null) {
            env.put(JMXConnectorServer.AUTHENTICATOR, JmxPasswordFile.read(options.passwordFile));
            access = options.accessFile == null ? JmxAccessFile.readOnlyForAll() : JmxAccessFile.read(options.accessFile);
        } else if (options.accessFile != null) {
            throw new IllegalArgumentException("a JMX access file needs a password file: roles are what clients log in as");
        }
        String urlHost;
        if (loopback) {
            pointStubsAt(options.bind);
            urlHost = host(options.bind);
        } else if (options.bind != null) {
            urlHost = System.getProperty(RMI_HOSTNAME, host(options.bind));
        } else {
            urlHost = System.getProperty(RMI_HOSTNAME);
            if (urlHost == null) {
                try {
                    urlHost = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    urlHost = host(InetAddress.getLoopbackAddress());
                }
            }
        }
        return start(options, env, access, urlHost);
    }

    /**
     * How to serve remote JMX: port, address, authentication, roles, TLS. The default is what
     * {@link #start(int)} does: loopback, no authentication, no TLS.
     */
    public static final class Options {
        private int port;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private Path passwordFile;
        private Path accessFile;
        private SSLContext tls;
        private boolean needClientAuth;
        private boolean allowUnauthenticated;

        /** The port; 0 picks a free one. */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** The address to listen on (default: loopback). */
        public Options bind(InetAddress address) {
            this.bind = address;
            return this;
        }

        /** Listen on every interface. */
        public Options allInterfaces() {
            this.bind = null;
            return this;
        }

        /** Clients log in with a role and password from this file ({@code role password} lines, mode 600). */
        public Options passwordFile(Path file) {
            this.passwordFile = file;
            return this;
        }

        /** What each role may do ({@code role readonly|readwrite} lines); default: read-only for all. */
        public Options accessFile(Path file) {
            this.accessFile = file;
            return this;
        }

        /** Serve over TLS with this context's key (see {@link JmxTls}). */
        public Options tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /** With TLS: clients must present a certificate the context's trust store accepts. */
        public Options needClientAuth(boolean need) {
            this.needClientAuth = need;
            return this;
        }

        /** Allows a non-loopback address without a password file: anyone who reaches the port controls the JVM. */
        public Options allowUnauthenticated() {
            this.allowUnauthenticated = true;
            return this;
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("JMX port must be between 0 and 65535, not " + port);
        }
    }

    private static JmxRemote start(Options options, Map<String, Object> env, JmxAccessFile access, String urlHost)
            throws IOException {
        InetAddress bind = options.bind;
        // Bind first, so that port 0 becomes a real port before RMI sees it: RMI never closes the
        // socket of an object exported on port 0 (it keeps it for later anonymous exports), but
        // closes an explicit port's socket once nothing is exported on it any more.
        ServerSocket socket = options.tls == null ? new ServerSocket(options.port, 0, bind)
                : JmxTls.serverSocket(options.tls, options.port, bind, options.needClientAuth);
        int actualPort = socket.getLocalPort();
        // The registry and the connector's RMI objects share this factory and port, so RMI
        // serves both from the one socket: one port to allow or to tunnel.
        SingleSocketFactory sockets = new SingleSocketFactory(socket, bind, options);
        // No client socket factory of JMill's own, on purpose: it is serialized into the stubs, and
        // a client without JMill's classes (jconsole) could not load it. With TLS, the JDK's.
        RMIClientSocketFactory clients = options.tls == null ? null : new SslRMIClientSocketFactory();
        Registry registry;
        try {
            registry = LocateRegistry.createRegistry(actualPort, clients, sockets);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        try {
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(actualPort, clients, sockets, env);
            JMXConnectorServer server = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + urlHost + ":" + actualPort), env, rmiServer,
                    ManagementFactory.getPlatformMBeanServer());
            if (access != null) {
                server.setMBeanServerForwarder(access.forwarder());
            }
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
                    bind == null ? new InetSocketAddress(0).getAddress() : bind, options.passwordFile != null,
                    options.tls != null);
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

    /** True if bound to the loopback address only. */
    public boolean loopbackOnly() {
        return bindAddress.isLoopbackAddress();
    }

    /** True if clients must log in (a password file was given). */
    public boolean authenticated() {
        return authenticated;
    }

    /** True if the registry and the connector speak TLS. */
    public boolean tls() {
        return tls;
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
        private final Options options;
        private ServerSocket bound;

        SingleSocketFactory(ServerSocket bound, InetAddress bind, Options options) {
            this.bound = bound;
            this.bind = bind;
            this.options = options;
        }

        @Override
        public synchronized ServerSocket createServerSocket(int port) throws IOException {
            if (bound != null && port == bound.getLocalPort()) {
                ServerSocket s = bound;
                bound = null;
                return s;
            }
            return options.tls == null ? new ServerSocket(port, 0, bind)
                    : JmxTls.serverSocket(options.tls, port, bind, options.needClientAuth);
        }
    }
}
