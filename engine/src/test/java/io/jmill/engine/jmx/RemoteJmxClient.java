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
 * A remote JMX client in a process of its own, as jconsole would be: connects to {@code URL}, over
 * TLS if {@code javax.net.ssl.trustStore} is set, and runs each command, printing one line per
 * command. Commands: {@code login ROLE PASSWORD} ({@code - -}: no credentials) opens a new
 * connection ({@code login ok} or {@code connect-failed EXCEPTION}); {@code get NAME ATTRIBUTE} and
 * {@code invoke NAME OPERATION N [STRING_ARGUMENT...]} print {@code ok VALUE} or
 * {@code denied EXCEPTION}.
 */
public final class RemoteJmxClient {
    private RemoteJmxClient() {
    }

    public static void main(String[] args) throws Exception {
        JMXServiceURL url = new JMXServiceURL(args[0]);
        JMXConnector connector = null;
        for (int i = 1; i < args.length; ) {
            String command = args[i];
            if (command.equals("login")) {
                if (connector != null) {
                    connector.close();
                    connector = null;
                }
                Map<String, Object> env = new HashMap<>();
                if (!args[i + 1].equals("-")) {
                    env.put(JMXConnector.CREDENTIALS, new String[]{args[i + 1], args[i + 2]});
                }
                if (System.getProperty("javax.net.ssl.trustStore") != null) {
                    env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
                }
                i += 3;
                try {
                    connector = JMXConnectorFactory.connect(url, env);
                    System.out.println("login ok");
                } catch (Exception e) {
                    System.out.println("connect-failed " + e);
                }
                continue;
            }
            ObjectName name = new ObjectName(args[i + 1]);
            String member = args[i + 2];
            i += 3;
            int n = command.equals("invoke") ? Integer.parseInt(args[i++]) : 0;
            String[] params = Arrays.copyOfRange(args, i, i + n);
            i += n;
            try {
                MBeanServerConnection c = connector.getMBeanServerConnection();
                if (command.equals("get")) {
                    System.out.println("ok " + c.getAttribute(name, member));
                } else {
                    String[] signature = new String[n];
                    Arrays.fill(signature, String.class.getName());
                    System.out.println("ok " + c.invoke(name, member, params, signature));
                }
            } catch (Exception e) {
                System.out.println("denied " + e);
            }
        }
        if (connector != null) {
            connector.close();
        }
    }
}
