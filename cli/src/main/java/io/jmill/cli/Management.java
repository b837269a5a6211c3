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
                remote = cl.has("--jmx-all-interfaces") ? JmxRemote.startOnAllInterfaces(port) : JmxRemote.start(port);
            } catch (java.io.IOException e) {
                reg.close();
                throw new UsageException("--jmx-port " + port + ": cannot start the JMX connector: " + e.getMessage());
            }
            err.println("jmill: JMX at " + remote.url());
        } else if (cl.has("--jmx-all-interfaces")) {
            reg.close();
            throw new UsageException("--jmx-all-interfaces needs --jmx-port");
        }
        return new Management(reg, remote, name);
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
