package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The devices of each router, shared by name among the elements that use them: {@code FromNIC(nic0)}
 * and {@code ToNIC(nic0)} in one configuration talk to the same simulated NIC, and a second router
 * in the same process gets its own {@code nic0}.
 *
 * <p>Device elements {@link #declare declare} themselves when constructed. The first of them to
 * initialize opens the device, from the settings of every element of its router that names it
 * (found among the declared ones), merged: a device keyword given by several elements must have
 * the same value everywhere. Each element {@link #acquire acquires} the device in
 * {@code initialize()} and {@link #release releases} it in {@code cleanup()}; the last release
 * closes it, which gives its buffers back to the pool.
 */
final class DeviceTable {
    /** An element that uses a shared device: what the table needs to know about it. */
    /**
     * How one element uses a device.
     *
     * @param element        the element
     * @param deviceKey      key of the device within its router, e.g. {@code sim:nic0}
     * @param deviceSettings the device keywords this element gave, keyword to parsed value
     * @param queue          queue the element uses
     * @param receives       whether it receives (true) or transmits (false) on it
     */
    record User(Element element, String deviceKey, Map<String, Object> deviceSettings, int queue, boolean receives) {
    }

    /** A declaration without the element itself, so that the weak table below does not keep it alive. */
    private record Use(String deviceKey, Map<String, Object> deviceSettings, int queue, boolean receives) {
        User of(Element e) {
            return new User(e, deviceKey, deviceSettings, queue, receives);
        }
    }

    /** Opens a device once the users of its key in one router are known. */
    @FunctionalInterface
    interface Opener {
        Device open(List<User> users, Map<String, Object> merged, int port) throws DeviceException;
    }

    private static final Map<Element, Use> DECLARED = new WeakHashMap<>();
    private static final Map<ElementHost, Map<String, Entry>> OPEN = new IdentityHashMap<>();
    /** Devices that failed to open, with the element that reported why (routers that failed to build are dropped with them). */
    private static final Map<ElementHost, Map<String, String>> FAILED = new WeakHashMap<>();

    private static final class Entry {
        final Device device;
        int users;

        Entry(Device device) {
            this.device = device;
        }
    }

    private DeviceTable() {
    }

    /** Records a device element and how it uses its device (from its constructor). */
    static synchronized void declare(Element e, String deviceKey, Map<String, Object> settings, int queue,
                                     boolean receives) {
        DECLARED.put(e, new Use(deviceKey, settings, queue, receives));
    }

    /**
     * The device of {@code self}'s key in {@code host}'s router, opened with {@code opener} if this
     * is its first user.
     *
     * @throws DeviceException if the device cannot be opened, or the users' settings disagree, or
     *     another element uses the same queue in the same direction
     */
    static synchronized Device acquire(ElementHost host, Element self, Opener opener) throws DeviceException {
        User me = DECLARED.get(self).of(self);
        List<User> users = users(host, me.deviceKey());
        for (User u : users) {
            if (u.element() != self && u.receives() == me.receives() && u.queue() == me.queue()) {
                throw new DeviceException((me.receives() ? "receive" : "transmit") + " queue " + me.queue() + " of '"
                        + deviceName(me) + "' is also used by " + u.element().name()
                        + " (one element per queue and direction)");
            }
        }
        Map<String, Entry> devices = OPEN.computeIfAbsent(host, h -> new LinkedHashMap<>());
        Entry entry = devices.get(me.deviceKey());
        if (entry == null) {
            String reporter = FAILED.getOrDefault(host, Map.of()).get(me.deviceKey());
            if (reporter != null) {
                throw new DeviceException("device '" + deviceName(me) + "' could not be opened (see " + reporter + ")");
            }
            try {
                entry = new Entry(opener.open(users, merge(users), devices.size()));
            } catch (DeviceException | RuntimeException e) {
                FAILED.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(me.deviceKey(), self.name());
                if (devices.isEmpty()) {
                    OPEN.remove(host);
                }
                throw e;
            }
            devices.put(me.deviceKey(), entry);
        }
        entry.users++;
        return entry.device;
    }

    /** Gives up {@code self}'s use of its device; the last user closes it. */
    static synchronized void release(ElementHost host, Element self) {
        Map<String, Entry> devices = OPEN.get(host);
        if (devices == null) {
            return;
        }
        String key = DECLARED.get(self).deviceKey();
        Entry entry = devices.get(key);
        if (entry == null) {
            return;
        }
        if (--entry.users == 0) {
            devices.remove(key);
            entry.device.close();
            // Keep the port numbering of the router's other devices; drop the map when empty.
            if (devices.isEmpty()) {
                OPEN.remove(host);
            }
        }
    }

    /** The declared elements of {@code host}'s router that use {@code key}, in configuration-name order. */
    private static List<User> users(ElementHost host, String key) {
        List<User> users = new ArrayList<>();
        for (Map.Entry<Element, Use> d : DECLARED.entrySet()) {
            Element e = d.getKey();
            if (key.equals(d.getValue().deviceKey()) && host.element(e.name()) == e) {
                users.add(d.getValue().of(e));
            }
        }
        users.sort(Comparator.comparing(u -> u.element().name()));
        return users;
    }

    private static Map<String, Object> merge(List<User> users) throws DeviceException {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        for (User u : users) {
            for (Map.Entry<String, Object> s : u.deviceSettings().entrySet()) {
                Object old = merged.putIfAbsent(s.getKey(), s.getValue());
                if (old == null) {
                    from.put(s.getKey(), u.element().name());
                } else if (!Objects.equals(old, s.getValue())) {
                    throw new DeviceException("device '" + deviceName(u) + "': " + s.getKey() + " is " + show(old)
                            + " in " + from.get(s.getKey()) + " but " + show(s.getValue()) + " in " + u.element().name()
                            + " (elements sharing a device must agree on its settings)");
                }
            }
        }
        return merged;
    }

    private static String show(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
    }

    private static String deviceName(User u) {
        String k = u.deviceKey();
        return k.substring(k.indexOf(':') + 1);
    }

    /** Devices open in {@code host}'s router (tests). */
    static synchronized int openCount(ElementHost host) {
        Map<String, Entry> devices = OPEN.get(host);
        return devices == null ? 0 : devices.size();
    }
}
