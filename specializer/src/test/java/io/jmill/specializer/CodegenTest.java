package io.jmill.specializer;

import io.jmill.engine.router.Router;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.testelements.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated code itself: is it really direct? */
class CodegenTest {
    private static final Set<String> PORT_CALLS = Set.of("output", "checkedOutput", "input");

    @Test
    void specializedCodeMakesNoGenericPortCallsAndNoLayoutLookups() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> c :: Counter -> pb :: PaintByNumber(2)"
                + " -> sw :: ParitySwitch; sw[0] -> t :: Tee(2); t[0] -> d0 :: Discard; t[1] -> d1 :: Discard;"
                + " sw[1] -> q :: Queue -> u :: Unqueue -> d2 :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            assertEquals(r.elements().size(), s.specializedElements().size());
            for (String name : s.specializedElements()) {
                ClassModel cm = ClassFile.of().parse(s.classBytes(name));
                for (MethodModel m : cm.methods()) {
                    for (InvokeInstruction i : invokes(m)) {
                        String where = name + "." + m.methodName().stringValue() + " calls " + i.owner().name() + "."
                                + i.name();
                        assertFalse(PORT_CALLS.contains(i.name().stringValue()), where);
                        assertFalse(i.opcode() == Opcode.INVOKEVIRTUAL
                                && i.owner().asInternalName().equals("io/jmill/layout/Packet")
                                && !Set.of("kill", "clone", "toByteArray", "setData", "uniqueify", "slotBase", "slotAddress", "push",
                                "setLength").contains(i.name().stringValue()), where);
                    }
                }
            }
            // ParitySwitch computes its port: out$ is a switch over its two constants.
            MethodModel out = method(ClassFile.of().parse(s.classBytes("sw")), "out$");
            assertEquals(2, out.code().orElseThrow().elementStream()
                    .filter(e -> e instanceof TableSwitchInstruction).mapToInt(e -> ((TableSwitchInstruction) e).cases().size())
                    .sum());
            // Counter's output(0, p) reaches PaintByNumber's copy through the constant D0.
            MethodModel counterOut = method(ClassFile.of().parse(s.classBytes("c")), "out$");
            assertTrue(counterOut.code().orElseThrow().elementList().toString().contains("D0"), "reads D0");
            // The packet accessors are copies with the layout's offsets as constants.
            MethodModel paint = method(ClassFile.of().parse(s.classBytes("pb")), "pkt$setPaint");
            int paintOffset = MetadataLayout.active().offset(MetadataField.PAINT);
            assertTrue(constants(paint).contains(paintOffset), "paint at constant offset " + paintOffset);
        } finally {
            r.close();
        }
    }

    @Test
    void aGenericCalleeIsCalledThroughItsExactClass() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> m :: BadMutable -> d :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            List<InvokeInstruction> calls = invokes(method(ClassFile.of().parse(s.classBytes("src")), "out$"));
            assertTrue(calls.stream().anyMatch(i -> i.name().equalsString("push")
                    && i.owner().asInternalName().equals("io/jmill/specializer/testelements/BadMutable")), calls.toString());
        } finally {
            r.close();
        }
    }

    @Test
    void dumpOptionWritesEveryGeneratedClass(@TempDir Path dir) throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> c :: Counter -> d :: Discard");
        System.setProperty(Specializer.DUMP_PROPERTY, dir.toString());
        try {
            Specializer specializer = new Specializer(r);
            specializer.generate(specializer.plan(null));
        } finally {
            System.clearProperty(Specializer.DUMP_PROPERTY);
            r.close();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        for (Path f : files) {
            assertTrue(f.getFileName().toString().endsWith("$$JMill.class"), f.toString());
            ClassModel cm = ClassFile.of().parse(Files.readAllBytes(f));
            for (MethodModel m : cm.methods()) {
                assertTrue(invokes(m).stream().noneMatch(i -> PORT_CALLS.contains(i.name().stringValue())),
                        f + " " + m.methodName());
            }
        }
    }

    @Test
    void accessorsFollowTheActiveLayoutAndFieldsItLacksStayGeneric() throws Exception {
        // Paint first, no destination-IP annotation.
        MetadataLayout.Builder b = MetadataLayout.builder("test-reordered").append(MetadataField.PAINT);
        for (MetadataField f : MetadataField.all()) {
            if (f != MetadataField.PAINT && f != MetadataField.DST_IP && !f.isNamed()) {
                b.append(f);
            }
        }
        MetadataLayout reordered = b.build();
        Router r = Routers.build("src :: NumberedSource(LIMIT 50) -> pb :: PaintByNumber(3) -> Strip(14)"
                + " -> rec :: Record");
        Specializer specializer = new Specializer(r);
        Plan genericPlan = specializer.plan(null);
        int before = PacketPool.inUse();
        MetadataLayout.activate(reordered); // no packet is live
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> specializer.generate(genericPlan));
            assertTrue(e.getMessage().contains("plan again"), e.getMessage());
            Plan plan = specializer.plan(null);
            assertEquals("test-reordered", plan.layout());
            Specialization s = specializer.generate(plan);
            ClassModel cm = ClassFile.of().parse(s.classBytes("pb"));
            assertTrue(constants(method(cm, "pkt$setPaint")).contains(0), "paint at offset 0 in this layout");
            List<String> packetCalls = new ArrayList<>();
            for (InvokeInstruction i : invokes(method(cm, "simpleAction"))) {
                if (i.owner().asInternalName().equals("io/jmill/layout/Packet")) {
                    packetCalls.add(i.name().stringValue());
                }
            }
            assertEquals(List.of("setDstIpAnno"), packetCalls, "only the absent field keeps its generic accessor");
        } finally {
            MetadataLayout.activate(MetadataLayout.generic());
            r.close();
        }
        assertEquals(before, PacketPool.inUse());
        assertTrue(((Record) r.element("rec")).recorded().isEmpty(), "nothing ran under the test layout");
    }

    private static MethodModel method(ClassModel cm, String name) {
        return cm.methods().stream().filter(m -> m.methodName().equalsString(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no method " + name + " in " + cm.thisClass().name()));
    }

    private static List<InvokeInstruction> invokes(MethodModel m) {
        List<InvokeInstruction> result = new ArrayList<>();
        if (m.code().isPresent()) {
            for (CodeElement e : m.code().get()) {
                if (e instanceof InvokeInstruction i) {
                    result.add(i);
                }
            }
        }
        return result;
    }

    private static List<Integer> constants(MethodModel m) {
        List<Integer> result = new ArrayList<>();
        for (CodeElement e : m.code().orElseThrow()) {
            if (e instanceof ConstantInstruction c && c.constantValue() instanceof Integer v) {
                result.add(v);
            }
        }
        return result;
    }
}
