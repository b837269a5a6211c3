package io.jmill.specializer.control;

import io.jmill.engine.jmx.JmxRemote;
import io.jmill.engine.router.Router;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.Routers;
import io.jmill.specializer.layout.LayoutAB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveControllerTest {
    private static final AdaptiveController.Options FAST = new AdaptiveController.Options(SpecializeMode.AUTO,
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300),
            Duration.ofMillis(100), 0.10, null);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private PrintStream logStream() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void autoModeProfilesSpecializesAndReportsTheSpeedUp() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> c :: Counter -> Null -> Null -> d :: Discard;");
        try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST, logStream())) {
            c.beforeStart();
            assertEquals(AdaptiveController.State.GENERIC, c.state(), "auto starts generic");
            r.start(1);
            c.start();
            await(() -> log().contains("speed-up: generic"), "the speed-up line\n" + log());
            assertEquals(AdaptiveController.State.SPECIALIZED, c.state());
            assertNotNull(c.plan());
            assertNotNull(c.profile());
            assertTrue(c.profile().edgePackets("src", 0) > 0, "the plan came from a measured profile");
            assertTrue(log().contains("jmill: specialized after "), log());
            assertTrue(c.specializedMpps() > 0 && c.genericMpps() > 0);
            long before = Long.parseLong(r.read("c.count"));
            await(() -> {
                try {
                    return Long.parseLong(r.read("c.count")) > before + 100_000;
                } catch (Exception e) {
                    return false;
                }
            }, "packets keep flowing, counted by the shared state");
            c.revert();
            assertEquals(AdaptiveController.State.GENERIC, c.state());
            assertTrue(r.tasks().getFirst().slot().current() == r.tasks().getFirst().slot().generic());
            c.respecialize();
            assertEquals(AdaptiveController.State.SPECIALIZED, c.state());
        } finally {
            r.stopNow("test over");
            r.close();
        }
    }

    @Test
    void layoutHotSwapsAHotFirstLayoutInLiveAndRespecializesUnderIt() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> Paint(3) -> q :: Queue(1024) -> u :: Unqueue"
                + " -> ps :: PaintSwitch; ps[0] -> bad :: Counter -> Discard; ps[1] -> bad; ps[2] -> bad;"
                + " ps[3] -> c :: Counter -> Discard");
        try {
            try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST.withLayout(LayoutMode.HOT), logStream())) {
                r.start(2);
                c.start();
                await(() -> log().contains("layout speed-up:") || log().contains("controller stopped"),
                        "the layout speed-up line\n" + log());
                assertTrue(log().contains("layout speed-up:"), log());
                String active = io.jmill.layout.MetadataLayout.active().name();
                assertTrue(active.startsWith("hot-first"), active);
                assertTrue(log().contains("hottest fields in the first cache line"), log());
                assertTrue(log().contains("live packets converted"), log());
                assertEquals(active, c.plan().layout(), "the code in force was planned for the new layout");
                assertEquals(active, c.layout().name());
                assertTrue(c.layoutPlan().layout().offset(io.jmill.layout.MetadataField.PAINT) < 64,
                        c.layoutPlan().decisions());
                assertEquals(AdaptiveController.State.SPECIALIZED, c.state());
                try (SpecializerJmx bean = SpecializerJmx.register(c, "layout-test")) {
                    assertTrue(bean.getLayout().startsWith("layout " + active), bean.getLayout());
                    assertTrue(bean.getLayoutPlan().contains("live packets converted"), bean.getLayoutPlan());
                    assertTrue(bean.getPlan().contains("layout " + active), bean.getPlan());
                }
                long before = Long.parseLong(r.read("c.count"));
                await(() -> {
                    try {
                        return Long.parseLong(r.read("c.count")) > before + 100_000;
                    } catch (Exception e) {
                        return false;
                    }
                }, "packets keep flowing under the new layout");
            }
            // closing the controller restores the generic layout, live
            assertTrue(io.jmill.layout.MetadataLayout.active() == io.jmill.layout.MetadataLayout.generic());
            assertTrue(log().contains("back to the generic layout"), log());
            assertEquals("0", r.read("bad.count"), "every packet kept its paint");
        } finally {
            r.stopNow("test over");
            r.close();
            if (io.jmill.layout.MetadataLayout.active() != io.jmill.layout.MetadataLayout.generic()) {
                io.jmill.specializer.layout.LayoutSwap.swap(r, io.jmill.layout.MetadataLayout.generic());
            }
        }
    }

    @Test
    void anABTestOfLayoutsRunsOverJmxOnTheLiveTrafficAndKeepsTheWinner() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> Paint(3) -> q :: Queue(1024) -> u :: Unqueue"
                + " -> ps :: PaintSwitch; ps[0] -> bad :: Counter -> Discard; ps[1] -> bad; ps[2] -> bad;"
                + " ps[3] -> c :: Counter -> Discard");
        try {
            try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST, logStream());
                 SpecializerJmx bean = SpecializerJmx.register(c, "ab-test");
                 JmxRemote remote = JmxRemote.start(0);
                 JMXConnector connector = JMXConnectorFactory.connect(remote.url())) {
                r.start(2);
                c.start();
                await(() -> log().contains("speed-up:") || log().contains("controller stopped"), "the speed-up\n" + log());
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                assertEquals("", jmx.getAttribute(bean.name(), "LayoutAbTest"));
                String text = (String) jmx.invoke(bean.name(), "abTestLayout", new Object[] {2, 100L},
                        new String[] {"int", "long"});
                assertTrue(text.startsWith("A/B generic vs hot-first-"), text);
                assertEquals(5, text.lines().count(), text);
                assertEquals(text, jmx.getAttribute(bean.name(), "LayoutAbTest"));
                LayoutAB.Result res = c.lastAbTest();
                assertSame(res.winner(), MetadataLayout.active(), res.summary());
                assertEquals(MetadataLayout.active().name(), c.plan().layout(), "the code in force fits the winner");
                assertTrue(log().contains("A/B generic vs hot-first-"), log());
                var bad = assertThrows(javax.management.RuntimeMBeanException.class, () -> jmx.invoke(bean.name(),
                        "abTestLayout", new Object[] {1, 100L}, new String[] {"int", "long"}));
                assertTrue(String.valueOf(bad.getCause()).contains("pairs must be"), String.valueOf(bad.getCause()));
            }
            assertSame(MetadataLayout.generic(), MetadataLayout.active(), "closing restores the generic layout");
            assertEquals("0", r.read("bad.count"), "every packet kept its paint");
        } finally {
            r.stopNow("test over");
            r.close();
            if (MetadataLayout.active() != MetadataLayout.generic()) {
                io.jmill.specializer.layout.LayoutSwap.swap(r, MetadataLayout.generic());
            }
        }
    }

    @Test
    void aLastingTrafficShiftIsNoticedAndTheRouterRespecialized() throws Exception {
        Router r = Routers.build("""
                src :: InfiniteSource -> p :: Paint(0) -> s :: PaintSwitch;
                s [0] -> a :: Counter -> Discard;
                s [1] -> b :: Counter -> Discard;
                """);
        try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST, logStream())) {
            r.start(1);
            c.start();
            await(() -> log().contains("speed-up: generic"), "first specialization\n" + log());
            assertEquals(0, c.profile().edgePackets("s", 1), "all traffic on output 0 at first");
            r.write("p.color", "1");
            await(() -> log().contains("specialized the profile changed"), "re-specialization\n" + log());
            assertTrue(c.profile().edgePackets("s", 1) > 0, "the new plan comes from the shifted profile");
            assertEquals(0, c.profile().edgePackets("s", 0));
        } finally {
            r.stopNow("test over");
            r.close();
        }
    }

    @Test
    void nowModeSpecializesBeforeTheFirstPacketAndOffNever() throws Exception {
        Router r = Routers.build("src :: InfiniteSource(LIMIT 10000, STOP true) -> c :: Counter -> Discard;");
        try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST.withMode(SpecializeMode.NOW), logStream())) {
            c.beforeStart();
            assertEquals(AdaptiveController.State.SPECIALIZED, c.state());
            assertTrue(log().contains("specialized before the first packet: "), log());
            r.start(1);
            assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        } finally {
            r.close();
        }
        assertEquals("10000", r.read("c.count"));
        Router off = Routers.build("src :: InfiniteSource(LIMIT 1000, STOP true) -> Discard;");
        try (AdaptiveController c = new AdaptiveController(off, "t.click", FAST.withMode(SpecializeMode.OFF), null)) {
            c.beforeStart();
            off.start(1);
            c.start();
            assertTrue(off.awaitStop(20, TimeUnit.SECONDS));
            assertEquals(AdaptiveController.State.GENERIC, c.state());
            assertEquals(null, c.plan());
        } finally {
            off.close();
        }
    }

    @Test
    void theSpecializerIsInspectableAndControllableOverARealJmxConnection() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> c :: Counter -> d :: Discard;");
        try (AdaptiveController c = new AdaptiveController(r, "t.click", FAST.withMode(SpecializeMode.NOW), null);
             SpecializerJmx bean = SpecializerJmx.register(c, "jmx-test");
             JmxRemote remote = JmxRemote.start(0);
             JMXConnector connector = JMXConnectorFactory.connect(remote.url())) {
            c.beforeStart();
            r.start(1);
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            assertEquals("SPECIALIZED", jmx.getAttribute(bean.name(), "State"));
            String plan = (String) jmx.getAttribute(bean.name(), "Plan");
            assertTrue(plan.contains("src"), plan);
            String[] decisions = (String[]) jmx.getAttribute(bean.name(), "Decisions");
            assertTrue(decisions.length > 0);
            assertTrue(((String) jmx.getAttribute(bean.name(), "PlanJson")).startsWith("{"));
            jmx.invoke(bean.name(), "revert", new Object[0], new String[0]);
            assertEquals("GENERIC", jmx.getAttribute(bean.name(), "State"));
            jmx.invoke(bean.name(), "respecialize", new Object[0], new String[0]);
            assertEquals("SPECIALIZED", jmx.getAttribute(bean.name(), "State"));
            String[] history = (String[]) jmx.getAttribute(bean.name(), "SwapHistory");
            assertTrue(history.length >= 3, String.join("\n", history));
        } finally {
            r.stopNow("test over");
            r.close();
        }
    }
}
