package io.jmill.engine.jmx;

import io.jmill.engine.element.Element;
import io.jmill.engine.router.Router;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Registers a router and each of its elements as MBeans on the platform MBeanServer.
 *
 * <pre>{@code
 * Router router = new RouterBuilder(registry).build(config);
 * try (RouterJmx.Registration jmx = RouterJmx.register(router, "main")) {
 *     router.start(2);
 *     router.awaitStop(1, TimeUnit.HOURS);
 * } finally {
 *     router.close();
 * }
 * }</pre>
 *
 * <p>What gets registered:
 * <ul>
 *   <li>{@code io.jmill:type=Router,name=<routerName>}: attributes {@code State} ({@code ready},
 *       {@code running}, {@code stopping}, {@code stopped}), {@code StopReason}, {@code Elements}, {@code Threads}, {@code SourcePackets},
 *       {@code SourceBytes}, {@code Drops}, {@code TaskErrors}, {@code UptimeSeconds}, plus each
 *       readable global handler ({@code version}, {@code pool}, ...) as a String attribute;
 *       operations {@code stop()}, {@code readHandler(path)}, {@code writeHandler(path, value)}.</li>
 *   <li>{@code io.jmill:type=Element,router=<routerName>,name=<elementName>} per element: each
 *       read handler is a String attribute named as the handler, each write handler an operation
 *       of that name taking the value as one String (a read/write handler is both, and its
 *       attribute can also be set).</li>
 * </ul>
 * A handler that refuses a value raises an {@code MBeanException} whose message is the handler's.
 *
 * <p>This opens no port; see {@link JmxRemote} for remote access.
 */
public final class RouterJmx {
    /** The JMX domain of every JMill MBean. */
    public static final String DOMAIN = "io.jmill";

    private RouterJmx() {
    }

    /**
     * Registers {@code router} and its elements on the platform MBeanServer under
     * {@code routerName}; close the result to unregister them.
     *
     * @throws IllegalStateException if a router of that name is already registered (the message
     *                               names the clash), or registration failed otherwise; nothing
     *                               stays registered then
     */
    public static Registration register(Router router, String routerName) {
        if (router == null || routerName == null) {
            throw new NullPointerException("router and routerName are required");
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Registration registration = new Registration(server, routerObjectName(routerName));
        ObjectName current = registration.routerObjectName();
        try {
            server.registerMBean(new RouterBean(router, routerName), current);
            registration.names.add(current);
            for (Element e : router.elements()) {
                current = elementObjectName(routerName, e.name());
                server.registerMBean(new ElementBean(router, e), current);
                registration.names.add(current);
            }
        } catch (JMException | RuntimeException e) {
            registration.close();
            throw new IllegalStateException("cannot register router '" + routerName + "' over JMX as " + current
                    + ": " + (e instanceof InstanceAlreadyExistsException
                    ? "that name is already registered (another router of the same name?)" : e.toString()), e);
        }
        return registration;
    }

    /** {@code io.jmill:type=Router,name=<routerName>}, the name quoted if JMX requires it. */
    public static ObjectName routerObjectName(String routerName) {
        return objectName("type=Router,name=" + value(routerName));
    }

    /**
     * {@code io.jmill:type=Element,router=<routerName>,name=<elementName>}, each value quoted if JMX
     * requires it. Flattened names such as {@code ip/Counter@3} need no quoting.
     */
    public static ObjectName elementObjectName(String routerName, String elementName) {
        return objectName("type=Element,router=" + value(routerName) + ",name=" + value(elementName));
    }

    /**
     * A key value as JMX accepts it. Quoting only when needed keeps the common names readable in
     * jconsole; it must be applied consistently, because JMX takes {@code name="c"} and
     * {@code name=c} to be different names.
     */
    static String value(String s) {
        if (s.isEmpty()) {
            return ObjectName.quote(s);
        }
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case ',', '=', ':', '"', '*', '?', '\\', '\n' -> {
                    return ObjectName.quote(s);
                }
                default -> {
                }
            }
        }
        return s;
    }

    private static ObjectName objectName(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a valid JMX name: " + DOMAIN + ":" + properties, e);
        }
    }

    /**
     * The MBeans of one registered router. {@link #close()} unregisters them all; it is idempotent
     * and ignores names someone else has already unregistered. It does not stop or close the
     * router: unregister before {@link Router#close()} if clients should not see a closed router.
     */
    public static final class Registration implements AutoCloseable {
        private final MBeanServer server;
        private final ObjectName routerObjectName;
        private final List<ObjectName> names = new ArrayList<>();
        private boolean closed;

        private Registration(MBeanServer server, ObjectName routerObjectName) {
            this.server = server;
            this.routerObjectName = routerObjectName;
        }

        /** The router's MBean name. */
        public ObjectName routerObjectName() {
            return routerObjectName;
        }

        /** Every name registered: the router's first, then the elements' in configuration order. */
        public synchronized List<ObjectName> names() {
            return Collections.unmodifiableList(new ArrayList<>(names));
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (ObjectName name : names) {
                try {
                    server.unregisterMBean(name);
                } catch (InstanceNotFoundException e) {
                    // Already gone: unregistering is what was asked.
                } catch (MBeanRegistrationException e) {
                    // Our MBeans have no preDeregister hook, so this cannot happen; keep going with the rest.
                }
            }
        }
    }
}
