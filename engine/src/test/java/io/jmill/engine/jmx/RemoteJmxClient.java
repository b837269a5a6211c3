package io.jmill.engine.jmx;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A remote JMX client in a process of its own, as jconsole would be: connects to {@code URL} as
 * {@code ROLE PASSWORD} ({@code - -}: no credentials), over TLS if {@code javax.net.ssl.trustStore}
 * is set, and runs each command, printing one line per command: {@code ok VALUE} or
 * {@code denied EXCEPTION}. Commands: {@code get NAME ATTRIBUTE}, {@code invoke NAME OPERATION
 * [STRING_ARGUMENT...]}. A failed connection prints {@code connect-failed EXCEPTION} and exits 2.
 */
public final class RemoteJmxClient {
    private RemoteJmxClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> env = new HashMap<>();
        if (!args[1].equals("-")) {
            env.put(JMXConnector.CREDENTIALS, new String[]{args[1], args[2]});
        }
        if (System.getProperty("javax.net.ssl.trustStore") != null) {
            env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(args[0]), env);
        } catch (Exception e) {
            System.out.println("connect-failed " + e);
            System.exit(2);
            return;
        }
        try (connector) {
            MBeanServerConnection c = connector.getMBeanServerConnection();
            for (int i = 3; i < args.length; ) {
                String command = args[i];
                ObjectName name = new ObjectName(args[i + 1]);
                String member = args[i + 2];
                i += 3;
                try {
                    if (command.equals("get")) {
                        System.out.println("ok " + c.getAttribute(name, member));
                    } else {
                        int n = Integer.parseInt(args[i++]);
                        String[] params = Arrays.copyOfRange(args, i, i + n);
                        i += n;
                        String[] signature = new String[n];
                        Arrays.fill(signature, String.class.getName());
                        System.out.println("ok " + c.invoke(name, member, params, signature));
                    }
                } catch (Exception e) {
                    System.out.println("denied " + e);
                }
            }
        }
    }
}
