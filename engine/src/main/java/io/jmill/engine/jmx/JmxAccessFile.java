package io.jmill.engine.jmx;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each remote JMX role may do, from an access file in the JVM's own format
 * ({@code jmxremote.access}): one {@code role readonly|readwrite} pair per line, {@code #} comments.
 *
 * <ul>
 *   <li>{@code readonly} (monitoring): read attributes (every read handler, the specializer's
 *       state, plan and profile), browse MBeans, and call operations that only read
 *       (impact {@code INFO}, such as the router's {@code readHandler}).</li>
 *   <li>{@code readwrite} (control): also set attributes and call every operation: stop the
 *       router, write handlers, re-specialize or revert.</li>
 * </ul>
 * No role may create, register or unregister MBeans or load classes remotely. A role that is not
 * in the file may do nothing. Without an access file, every authenticated role is read-only.
 */
final class JmxAccessFile {
    enum Access { READONLY, READWRITE }

    /** MBeanServer methods that only read. */
    private static final Set<String> READS = Set.of("getAttribute", "getAttributes", "getMBeanInfo",
            "getObjectInstance", "queryMBeans", "queryNames", "isRegistered", "getMBeanCount", "getDefaultDomain",
            "getDomains", "isInstanceOf", "addNotificationListener", "removeNotificationListener",
            // the connector reads an MBean's class loader to deserialize the arguments of a call
            "getClassLoaderFor", "getClassLoader", "getClassLoaderRepository");
    /** MBeanServer methods that change MBeans. */
    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes", "invoke");

    private final Map<String, Access> roles;

    private JmxAccessFile(Map<String, Access> roles) {
        this.roles = roles;
    }

    /** Every authenticated role read-only: what applies without an access file. */
    static JmxAccessFile readOnlyForAll() {
        return new JmxAccessFile(null);
    }

    static JmxAccessFile read(Path file) throws IOException {
        Map<String, Access> roles = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            Access a = words.length < 2 ? null : switch (words[1]) {
                case "readonly" -> Access.READONLY;
                case "readwrite" -> Access.READWRITE;
                default -> null;
            };
            if (a == null) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'role readonly' or 'role readwrite'");
            }
            roles.put(words[0], a);
        }
        return new JmxAccessFile(roles);
    }

    /** The access of the calling remote client (none if it has no role). */
    Access current() {
        Subject s = Subject.current();
        if (s == null) {
            return null;
        }
        Access best = null;
        for (JMXPrincipal p : s.getPrincipals(JMXPrincipal.class)) {
            Access a = roles == null ? Access.READONLY : roles.get(p.getName());
            if (a == Access.READWRITE) {
                return a;
            }
            if (a != null) {
                best = a;
            }
        }
        return best;
    }

    /** A forwarder that checks each call of a remote client against its role. */
    MBeanServerForwarder forwarder() {
        Guard guard = new Guard();
        return (MBeanServerForwarder) Proxy.newProxyInstance(
                MBeanServerForwarder.class.getClassLoader(), new Class<?>[]{MBeanServerForwarder.class}, guard);
    }

    private final class Guard implements InvocationHandler {
        private MBeanServer target;

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (name.equals("getMBeanServer") && args == null) {
                return target;
            }
            if (name.equals("setMBeanServer")) {
                target = (MBeanServer) args[0];
                return null;
            }
            if (m.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "JMX access check of " + target;
                };
            }
            check(name, args);
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void check(String method, Object[] args) throws JMException {
            if (Subject.current() == null) {
                // Not on behalf of a client: the connector server's own calls (as the JVM's access
                // controller, which also lets them through). Every client call carries its subject.
                return;
            }
            Access a = current();
            if (a == null) {
                throw new SecurityException("access denied: no JMX role");
            }
            if (READS.contains(method)) {
                return;
            }
            if (WRITES.contains(method)) {
                if (a == Access.READWRITE || method.equals("invoke") && onlyReads(args)) {
                    return;
                }
                throw new SecurityException("access denied: role is read-only (" + method + describe(args) + ")");
            }
            throw new SecurityException("access denied: " + method + " is not allowed remotely");
        }

        /** Whether an {@code invoke(name, operation, params, signature)} calls an operation of impact INFO. */
        private boolean onlyReads(Object[] args) throws JMException {
            ObjectName on = (ObjectName) args[0];
            String operation = (String) args[1];
            String[] signature = (String[]) args[3];
            int n = signature == null ? 0 : signature.length;
            for (MBeanOperationInfo op : target.getMBeanInfo(on).getOperations()) {
                if (op.getName().equals(operation) && op.getSignature().length == n) {
                    boolean same = true;
                    for (int i = 0; i < n; i++) {
                        same &= op.getSignature()[i].getType().equals(signature[i]);
                    }
                    if (same) {
                        return op.getImpact() == MBeanOperationInfo.INFO;
                    }
                }
            }
            return false;
        }

        private String describe(Object[] args) {
            return args != null && args.length > 1 ? " " + args[0] + " " + args[1] : "";
        }
    }
}
