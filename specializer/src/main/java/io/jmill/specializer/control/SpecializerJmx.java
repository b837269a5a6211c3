package io.jmill.specializer.control;

import io.jmill.profiler.Profile;
import io.jmill.specializer.Decision;
import io.jmill.specializer.Plan;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Registers an {@link AdaptiveController} as {@code io.jmill:type=Specializer,router=NAME} on the
 * platform MBean server; {@link #close()} unregisters it.
 */
public final class SpecializerJmx implements SpecializerMXBean, AutoCloseable {
    private final AdaptiveController controller;
    private final ObjectName name;

    private SpecializerJmx(AdaptiveController controller, ObjectName name) {
        this.controller = controller;
        this.name = name;
    }

    public static ObjectName objectName(String routerName) throws JMException {
        return new ObjectName("io.jmill:type=Specializer,router=" + ObjectName.quote(routerName));
    }

    /** Registers; a router name already registered is an IllegalStateException. */
    public static SpecializerJmx register(AdaptiveController controller, String routerName) {
        try {
            ObjectName on = objectName(routerName);
            SpecializerJmx bean = new SpecializerJmx(controller, on);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, on);
            return bean;
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("a specializer for router '" + routerName + "' is already registered");
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the specializer MBean: " + e.getMessage(), e);
        }
    }

    public ObjectName name() {
        return name;
    }

    @Override
    public String getState() {
        return controller.state().name();
    }

    @Override
    public String getPlan() {
        Plan p = controller.plan();
        return p == null ? "" : p.toText();
    }

    @Override
    public String getBackend() {
        return controller.backendSummary();
    }

    @Override
    public String getPlanJson() {
        Plan p = controller.plan();
        return p == null ? "" : p.toJson();
    }

    @Override
    public List<String> getDecisions() {
        Plan p = controller.plan();
        if (p == null) {
            return List.of();
        }
        return p.decisions().stream().map(SpecializerJmx::line).toList();
    }

    private static String line(Decision d) {
        return d.kind() + " | " + d.subject() + " | " + d.detail() + " | " + d.reason();
    }

    @Override
    public String getProfileSummary() {
        Profile p = controller.profile();
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        p.hotEdges().stream().limit(10).forEach(e -> sb.append("edge ").append(e).append('\n'));
        sb.append(p.fieldSummary(10));
        return sb.toString();
    }

    @Override
    public List<String> getSwapHistory() {
        return controller.specializer().history().stream().map(Object::toString).toList();
    }

    @Override
    public List<String> getEvents() {
        return controller.events();
    }

    @Override
    public List<String> getJitEvents() {
        return controller.jitEvents();
    }

    @Override
    public String getSpeedUp() {
        double g = controller.genericMpps();
        double s = controller.specializedMpps();
        if (Double.isNaN(g) || Double.isNaN(s)) {
            return "not measured yet";
        }
        double h = controller.hotLayoutMpps();
        return String.format(Locale.ROOT, "generic %.2f Mpps, specialized %.2f Mpps, x%.2f", g, s, s / g)
                + (Double.isNaN(h) ? "" : String.format(Locale.ROOT, "; on layout %s %.2f Mpps, x%.2f",
                        controller.layout().name(), h, h / g));
    }

    @Override
    public String getLayout() {
        return controller.layout().describe();
    }

    @Override
    public String getLayoutPlan() {
        var planned = controller.layoutPlan();
        var swap = controller.lastLayoutSwap();
        return planned == null ? "" : planned.decisions() + (swap == null ? "" : swap.summary() + "\n");
    }

    @Override
    public String getLayoutAbTest() {
        var r = controller.lastAbTest();
        return r == null ? "" : r.toText();
    }

    @Override
    public String abTestLayout(int pairs, long epochMillis) {
        if (pairs < 2 || pairs > 1000 || epochMillis < 10 || epochMillis > 60_000) {
            throw new IllegalArgumentException("pairs must be 2-1000 and epochMillis 10-60000");
        }
        try {
            return controller.abTestLayout(pairs, java.time.Duration.ofMillis(epochMillis)).toText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Override
    public void respecialize() {
        controller.respecialize();
    }

    @Override
    public void revert() {
        controller.revert();
    }

    @Override
    public void close() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            // Already gone: nothing to do.
        }
    }
}
