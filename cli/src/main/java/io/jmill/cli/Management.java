package io.jmill.cli;

import io.jmill.engine.jmx.JmxRemote;
import io.jmill.engine.jmx.RouterJmx;
import io.jmill.engine.router.Router;

import java.io.PrintStream;

/**
 * The JMX side of {@code jmill run}: the router and its elements are always registered on the
 * platform MBean server (local tools such as jconsole see them); a remote connector is started
 * only with {@code --jmx-port}, on loopback unless {@code --jmx-all-interfaces}.
 */
final class Management implements AutoCloseable {
    private final RouterJmx.Registration registration;
    private final JmxRemote remote;
    private final String routerName;
    private io.jmill.specializer.control.SpecializerJmx specializer;

    private Management(RouterJmx.Registration registration, JmxRemote remote, String routerName) {
        this.registration = registration;
        this.remote = remote;
        this.routerName = routerName;
    }

    /** Also publishes the router's specializer ({@code io.jmill:type=Specializer,router=NAME}). */
    void add(io.jmill.specializer.control.AdaptiveController controller) {
        specializer = io.jmill.specializer.control.SpecializerJmx.register(controller, routerName);
    }

    static Management start(Router router, ConfigSource source, CommandLine cl, PrintStream err) throws UsageException {
        String name = source.file() == null ? "expr" : source.file().getFileName().toString();
        RouterJmx.Registration reg = RouterJmx.register(router, name);
        JmxRemote remote = null;
        if (cl.has("--jmx-port")) {
            int port = cl.intValue("--jmx-port", 0, 0, 65535);
            try {
                remote = JmxRemote.start(options(cl, port));
            } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
                reg.close();
                throw new UsageException("--jmx-port " + port + ": cannot start the JMX connector: " + e.getMessage());
            }
            err.println("jmill: JMX at " + remote.url() + (remote.authenticated() ? ", login required" : "")
                    + (remote.tls() ? ", TLS" : ""));
        } else {
            for (String o : REMOTE_OPTIONS) {
                if (cl.has(o)) {
                    reg.close();
                    throw new UsageException(o + " needs --jmx-port");
                }
            }
        }
        return new Management(reg, remote, name);
    }

    private static final String[] REMOTE_OPTIONS = {"--jmx-all-interfaces", "--jmx-bind", "--jmx-password-file",
            "--jmx-access-file", "--jmx-ssl", "--jmx-ssl-config", "--jmx-ssl-need-client-auth", "--jmx-no-auth"};

    private static JmxRemote.Options options(CommandLine cl, int port) throws java.io.IOException, UsageException {
        JmxRemote.Options o = new JmxRemote.Options().port(port);
        if (cl.has("--jmx-all-interfaces")) {
            o.allInterfaces();
        }
        if (cl.has("--jmx-bind")) {
            String a = cl.value("--jmx-bind", null);
            try {
                java.net.InetAddress address = java.net.InetAddress.getByName(a);
                if (address.isAnyLocalAddress()) {
                    o.allInterfaces();
                } else {
                    o.bind(address);
                }
            } catch (java.net.UnknownHostException e) {
                throw new UsageException("--jmx-bind " + a + ": unknown address");
            }
        }
        if (cl.has("--jmx-password-file")) {
            o.passwordFile(java.nio.file.Path.of(cl.value("--jmx-password-file", null)));
        }
        if (cl.has("--jmx-access-file")) {
            o.accessFile(java.nio.file.Path.of(cl.value("--jmx-access-file", null)));
        }
        if (cl.has("--jmx-ssl-config")) {
            o.tls(io.jmill.engine.jmx.JmxTls.fromFile(java.nio.file.Path.of(cl.value("--jmx-ssl-config", null))));
        } else if (cl.has("--jmx-ssl")) {
            o.tls(io.jmill.engine.jmx.JmxTls.fromSystemProperties());
        }
        o.needClientAuth(cl.has("--jmx-ssl-need-client-auth"));
        if (cl.has("--jmx-no-auth")) {
            o.allowUnauthenticated();
        }
        return o;
    }

    @Override
    public void close() {
        if (specializer != null) {
            specializer.close();
        }
        if (remote != null) {
            try {
                remote.close();
            } catch (java.io.IOException e) {
                System.err.println("jmill: closing the JMX connector: " + e.getMessage());
            }
        }
        registration.close();
    }
}
