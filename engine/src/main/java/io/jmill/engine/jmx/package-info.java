/**
 * A router and its elements as JMX MBeans, and opt-in remote access to them.
 *
 * <pre>{@code
 * try (RouterJmx.Registration jmx = RouterJmx.register(router, "main");   // platform MBeanServer
 *      JmxRemote remote = JmxRemote.start(9010)) {                          // optional, loopback only
 *     System.out.println("JMX at " + remote.url());
 *     router.start(1);
 *     router.awaitStop(1, TimeUnit.HOURS);
 * }
 * }</pre>
 *
 * <p>Names: {@code io.jmill:type=Router,name=<router>} for the router and
 * {@code io.jmill:type=Element,router=<router>,name=<element>} for each element (see
 * {@link io.jmill.engine.jmx.RouterJmx#routerObjectName} and
 * {@link io.jmill.engine.jmx.RouterJmx#elementObjectName}). Element handlers are the MBeans'
 * attributes (read handlers) and operations (write handlers), all values as text, exactly as on
 * the command line.
 *
 * <p>Registration alone opens no port: local tools (jconsole, jcmd) reach the platform
 * MBeanServer through the attach mechanism. {@link io.jmill.engine.jmx.JmxRemote} adds an
 * unauthenticated RMI connector, bound to the loopback interface unless asked otherwise.
 */
package io.jmill.engine.jmx;
