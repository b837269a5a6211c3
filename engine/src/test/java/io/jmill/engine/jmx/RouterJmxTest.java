package io.jmill.engine.jmx;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a router's MBeans the way jconsole would: through a real RMI connection on loopback.
 * Workers are not started (handlers work on a built router); the source is run by hand.
 */
class RouterJmxTest {
    private static final String ROUTER = "jmx-test";
    private static final String CONFIG = """
            elementclass Pass { input -> inner :: JmxTestCounter -> output }
            src :: JmxTestSource -> c :: JmxTestCounter(LIMIT 3) -> p :: Pass -> JmxTestSink;
            """;

    private static JmxRemote remote;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;

    private Router router;
    private RouterJmx.Registration registration;
    private int poolInUseBefore;

    @BeforeAll
    static void connect() throws Exception {
        remote = JmxRemote.start(0);
        connector = JMXConnectorFactory.connect(remote.url());
        jmx = connector.getMBeanServerConnection();
    }

    @AfterAll
    static void disconnect() throws Exception {
        connector.close();
        remote.close();
        remote.close(); // idempotent
    }

    @BeforeEach
    void build() throws Exception {
        poolInUseBefore = PacketPool.inUse();
        ElementRegistry registry = new ElementRegistry()
                .register(JmxTestSource.class).register(JmxTestCounter.class).register(JmxTestSink.class);
        router = new RouterBuilder(registry).build(ClickParser.parse("t", CONFIG, Map.of()));
        registration = RouterJmx.register(router, ROUTER);
    }

    @AfterEach
    void close() {
        registration.close();
        router.close();
        assertEquals(poolInUseBefore, PacketPool.inUse(), "packets leaked");
    }

    private void emit(int packets) {
        Task source = (Task) router.element("src");
        for (int i = 0; i < packets; i++) {
            source.runTask();
        }
    }

    private static ObjectName element(String name) {
        return RouterJmx.elementObjectName(ROUTER, name);
    }

    private static ObjectName routerName() {
        return RouterJmx.routerObjectName(ROUTER);
    }

    @Test
    void readHandlersAreStringAttributes() throws Exception {
        emit(5);
        assertEquals("3", jmx.getAttribute(element("c"), "count"));
        assertEquals("3", jmx.getAttribute(element("p/inner"), "count"));
        assertEquals("JmxTestCounter", jmx.getAttribute(element("c"), "class"));
        assertEquals("LIMIT 3", jmx.getAttribute(element("c"), "config"));
        assertEquals("3", jmx.getAttribute(element("c"), "limit"));
        assertThrows(AttributeNotFoundException.class, () -> jmx.getAttribute(element("c"), "reset"),
                "a write-only handler is no attribute");
        assertThrows(AttributeNotFoundException.class, () -> jmx.getAttribute(element("c"), "nope"));
    }

    @Test
    void writeHandlerOperationResetsCounter() throws Exception {
        emit(2);
        assertEquals("2", jmx.getAttribute(element("c"), "count"));
        jmx.invoke(element("c"), "reset", new Object[] {""}, new String[] {String.class.getName()});
        assertEquals("0", jmx.getAttribute(element("c"), "count"));

        emit(1);
        // Action handlers ignore their value, so a client may leave it out.
        jmx.invoke(element("c"), "reset", new Object[0], new String[0]);
        assertEquals("0", jmx.getAttribute(element("c"), "count"));
        assertThrows(ReflectionException.class,
                () -> jmx.invoke(element("c"), "count", new Object[] {""}, new String[] {String.class.getName()}),
                "a read-only handler is no operation");
    }

    @Test
    void readWriteHandlerIsAttributeAndOperation() throws Exception {
        jmx.setAttribute(element("c"), new Attribute("limit", "10"));
        assertEquals("10", jmx.getAttribute(element("c"), "limit"));
        jmx.invoke(element("c"), "limit", new Object[] {"4"}, new String[] {String.class.getName()});
        assertEquals("4", jmx.getAttribute(element("c"), "limit"));
        emit(6);
        assertEquals("4", jmx.getAttribute(element("c"), "count"));
        assertThrows(AttributeNotFoundException.class,
                () -> jmx.setAttribute(element("c"), new Attribute("count", "7")), "count is read-only");
    }

    @Test
    void refusedValueIsMBeanExceptionWithHandlersMessage() throws Exception {
        String expected = "limit: expected a non-negative integer, not 'ten'";
        MBeanException viaOperation = assertThrows(MBeanException.class,
                () -> jmx.invoke(element("c"), "limit", new Object[] {"ten"}, new String[] {String.class.getName()}));
        assertEquals(expected, viaOperation.getMessage());
        // A JDK class, so that clients without JMill's classes can still read it.
        assertInstanceOf(IllegalArgumentException.class, viaOperation.getTargetException());

        MBeanException viaAttribute = assertThrows(MBeanException.class,
                () -> jmx.setAttribute(element("c"), new Attribute("limit", "ten")));
        assertEquals(expected, viaAttribute.getMessage());
        assertEquals("3", jmx.getAttribute(element("c"), "limit"), "refused value left the handler alone");

        MBeanException broken = assertThrows(MBeanException.class, () -> jmx.getAttribute(element("c"), "fail"));
        assertTrue(broken.getMessage().contains("c.fail") && broken.getMessage().contains("broken on purpose"),
                broken.getMessage());

        MBeanException unknown = assertThrows(MBeanException.class, () -> jmx.invoke(routerName(), "readHandler",
                new Object[] {"c.nope"}, new String[] {String.class.getName()}));
        assertEquals("element 'c' has no handler 'nope'", unknown.getMessage());
    }

    @Test
    void routerAttributes() throws Exception {
        emit(5);
        assertEquals("ready", jmx.getAttribute(routerName(), "State"));
        assertNull(jmx.getAttribute(routerName(), "StopReason"));
        String[] names = (String[]) jmx.getAttribute(routerName(), "Elements");
        assertEquals(List.of("src", "c", "p/inner"), Arrays.asList(names).subList(0, 3));
        assertEquals(4, names.length);
        assertEquals(0, jmx.getAttribute(routerName(), "Threads"));
        assertEquals(5L, jmx.getAttribute(routerName(), "SourcePackets"));
        assertEquals(5L * JmxTestSource.LENGTH, jmx.getAttribute(routerName(), "SourceBytes"));
        assertEquals(2L, jmx.getAttribute(routerName(), "Drops"));
        assertEquals(0L, jmx.getAttribute(routerName(), "TaskErrors"));
        assertEquals(0.0, jmx.getAttribute(routerName(), "UptimeSeconds"));
        assertEquals(RouterBuilder.VERSION, jmx.getAttribute(routerName(), "version"));
        assertFalse(((String) jmx.getAttribute(routerName(), "pool")).isEmpty());
        assertEquals(router.flatConfig(), jmx.getAttribute(routerName(), "flatconfig"));

        assertEquals("3", jmx.invoke(routerName(), "readHandler", new Object[] {"c.count"},
                new String[] {String.class.getName()}));
        jmx.invoke(routerName(), "writeHandler", new Object[] {"c.reset", ""},
                new String[] {String.class.getName(), String.class.getName()});
        assertEquals("0", router.read("c.count"));
    }

    @Test
    void stopOperationStopsRouter() throws Exception {
        assertFalse(router.stopping());
        jmx.invoke(routerName(), "stop", new Object[0], new String[0]);
        assertTrue(router.stopping());
        assertEquals(RouterBean.STOP_REASON_JMX, jmx.getAttribute(routerName(), "StopReason"));
        assertEquals("stopped", jmx.getAttribute(routerName(), "State"), "never started, so nothing left to stop");
    }

    @Test
    void stateOfStartedRouter() throws Exception {
        router.start(1);
        assertEquals("running", jmx.getAttribute(routerName(), "State"));
        assertEquals(1, jmx.getAttribute(routerName(), "Threads"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((Long) jmx.getAttribute(routerName(), "SourcePackets") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        jmx.invoke(routerName(), "stop", new Object[0], new String[0]);
        assertTrue(router.awaitStop(5, TimeUnit.SECONDS));
        router.close();
        assertEquals("stopped", jmx.getAttribute(routerName(), "State"), "workers have exited after close()");
        assertTrue((Long) jmx.getAttribute(routerName(), "SourcePackets") > 0);
    }

    @Test
    void mbeanInfoDescribesHandlers() throws Exception {
        MBeanInfo info = jmx.getMBeanInfo(element("c"));
        assertTrue(info.getDescription().contains("c :: JmxTestCounter(LIMIT 3)"), info.getDescription());
        assertEquals("LIMIT 3", info.getDescriptor().getFieldValue("config"));
        assertEquals(JmxTestCounter.class.getName(), info.getClassName());

        MBeanAttributeInfo count = attribute(info, "count");
        assertEquals(String.class.getName(), count.getType());
        assertTrue(count.isReadable());
        assertFalse(count.isWritable());
        assertTrue(attribute(info, "limit").isWritable());

        MBeanOperationInfo reset = operation(info, "reset");
        assertEquals("void", reset.getReturnType());
        assertEquals(1, reset.getSignature().length);
        assertEquals(String.class.getName(), reset.getSignature()[0].getType());
        operation(info, "limit");
        assertTrue(Arrays.stream(info.getOperations()).noneMatch(o -> o.getName().equals("count")));
        assertTrue(Arrays.stream(info.getAttributes()).noneMatch(a -> a.getName().equals("reset")));
    }

    private static MBeanAttributeInfo attribute(MBeanInfo info, String name) {
        return Arrays.stream(info.getAttributes()).filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + name));
    }

    private static MBeanOperationInfo operation(MBeanInfo info, String name) {
        return Arrays.stream(info.getOperations()).filter(o -> o.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name));
    }

    @Test
    void flattenedNamesNeedNoQuoting() throws Exception {
        String sink = router.elements().get(3).name();
        assertTrue(sink.startsWith("JmxTestSink@"), sink);
        ObjectName anonymous = element(sink);
        assertEquals("io.jmill:type=Element,router=" + ROUTER + ",name=" + sink, anonymous.toString());
        assertEquals("JmxTestSink", jmx.getAttribute(anonymous, "class"));
        assertEquals("p/inner", element("p/inner").getKeyProperty("name"));
    }

    @Test
    void namesJmxDisallowsAreQuoted() {
        ObjectName name = RouterJmx.elementObjectName("a,b", "x=y:*?\"");
        assertEquals("a,b", ObjectName.unquote(name.getKeyProperty("router")));
        assertEquals("x=y:*?\"", ObjectName.unquote(name.getKeyProperty("name")));
        assertFalse(name.isPattern());
        assertEquals("", ObjectName.unquote(RouterJmx.routerObjectName("").getKeyProperty("name")));
    }

    @Test
    void closeUnregistersEverything() throws Exception {
        List<ObjectName> names = registration.names();
        assertEquals(1 + router.elements().size(), names.size());
        assertEquals(routerName(), names.get(0));
        for (ObjectName n : names) {
            assertTrue(jmx.isRegistered(n), n.toString());
        }
        registration.close();
        for (ObjectName n : names) {
            assertFalse(jmx.isRegistered(n), n.toString());
        }
        assertTrue(jmx.queryNames(new ObjectName("io.jmill:router=" + ROUTER + ",*"), null).isEmpty());
        registration.close(); // idempotent
    }

    @Test
    void secondRouterOfSameNameIsRefused() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RouterJmx.register(router, ROUTER));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
        // The first registration is untouched.
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(element("c")));
        assertTrue(jmx.isRegistered(routerName()));
    }
}
