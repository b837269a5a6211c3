package io.jmill.specializer.codegen;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template's accessors do exactly what Packet's do (the template as a plain class uses the active layout). */
class PacketAccessorTemplateTest {

    @Test
    void everyAccessorBehavesLikePacketsOwn() throws Exception {
        int checked = 0;
        for (Method t : PacketAccessorTemplate.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.getParameterCount() == 0
                    || t.getParameterTypes()[0] != Packet.class) {
                continue;
            }
            Class<?>[] rest = Arrays.copyOfRange(t.getParameterTypes(), 1, t.getParameterCount());
            Method m = Packet.class.getMethod(t.getName(), rest);
            assertEquals(m.getReturnType(), t.getReturnType(), t.getName());
            for (int variant = 0; variant < 3; variant++) {
                Packet a = packet();
                Packet b = packet();
                try {
                    Object[] args = arguments(rest, variant);
                    Object[] packetArgs = copy(args);
                    Object[] templateArgs = new Object[args.length + 1];
                    templateArgs[0] = a;
                    System.arraycopy(copy(args), 0, templateArgs, 1, args.length);
                    Object fromTemplate = t.invoke(null, templateArgs);
                    Object fromPacket = m.invoke(b, packetArgs);
                    if (t.getName().equals("dataAddress")) { // an address in the slot: compare the offsets
                        fromTemplate = (long) fromTemplate - a.slotBase();
                        fromPacket = (long) fromPacket - b.slotBase();
                    }
                    assertEquals(fromPacket, fromTemplate, t.getName() + " variant " + variant);
                    assertArrayEquals(slot(b), slot(a), t.getName() + " variant " + variant + ": same memory after");
                    for (int i = 0; i < args.length; i++) {
                        if (args[i] instanceof byte[]) {
                            assertArrayEquals((byte[]) packetArgs[i], (byte[]) templateArgs[i + 1], t.getName());
                        }
                    }
                } finally {
                    a.kill();
                    b.kill();
                }
            }
            checked++;
        }
        assertTrue(checked > 50, "checked " + checked + " accessors");
        assertTrue(PacketAccessors.rewritable().contains("paint()I"));
        assertEquals(checked, PacketAccessors.rewritable().size());
    }

    private static Packet packet() {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 1);
        }
        Packet p = PacketPool.alloc(data);
        p.setMacHeader(0);
        p.setNetworkHeader(14, 20);
        p.setPaint(9);
        p.setDstIpAnno(0x0A000001);
        p.setTimestampNanos(123456789L);
        return p;
    }

    private static byte[] slot(Packet p) {
        return PacketMemory.MEMORY.asSlice(p.slotBase(), PacketPool.SLOT_SIZE).toArray(ValueLayout.JAVA_BYTE);
    }

    private static Object[] arguments(Class<?>[] types, int variant) {
        List<Object> args = new ArrayList<>();
        int[] ints = {3, 14, 200};
        for (int i = 0; i < types.length; i++) {
            Class<?> c = types[i];
            if (c == int.class) {
                args.add(i == 0 ? ints[variant] : 2 + variant);
            } else if (c == long.class) {
                args.add(0x0102030405060708L * (variant + 1));
            } else if (c == boolean.class) {
                args.add(variant == 1);
            } else if (c == byte[].class) {
                byte[] b = new byte[16];
                Arrays.fill(b, (byte) (0x40 + variant));
                args.add(b);
            } else {
                throw new AssertionError("no test value for " + c);
            }
        }
        return args.toArray();
    }

    private static Object[] copy(Object[] args) {
        Object[] c = args.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] instanceof byte[] b) {
                c[i] = b.clone();
            }
        }
        return c;
    }
}
