package io.jmill.specializer;

import io.jmill.elements.classifier.Classifier;
import io.jmill.elements.classifier.IPClassifier;
import io.jmill.elements.classifier.IPFilter;
import io.jmill.elements.routing.DirectIPLookup;
import io.jmill.elements.routing.LinearIPLookup;
import io.jmill.elements.routing.RadixIPLookup;
import io.jmill.elements.routing.StaticIPLookup;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.router.Router;
import io.jmill.specializer.codegen.ElementAnalysis;
import io.jmill.specializer.testelements.CountingSubclass;
import io.jmill.specializer.testelements.TemplateSwitch;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elements whose class has superclasses with state below the framework class: their copy
 * flattens the chain (fields, data-plane methods, static helpers) into one class that extends
 * Element or SimpleElement. DifferentialTest runs them.
 */
class FlatteningTest {
    private static final String ELEMENT_INTERNAL = "io/jmill/engine/element/Element";

    @Test
    void templateMethodHierarchy() {
        ElementAnalysis a = ElementAnalysis.of(TemplateSwitch.class);
        assertNull(a.reason());
        assertEquals(Element.class, a.framework());
        // The subclass's fields keep their names; the superclass's 'port' is renamed, the others not.
        assertEquals(List.of("port", "modulus", "offset", "port$1", "counts", "mark", "b", "s", "ch", "l", "f", "d"),
                a.fields().stream().map(ElementAnalysis.FlatField::copyName).toList());
        assertEquals("TemplateBase", a.fields().get(3).field().getDeclaringClass().getSimpleName());
        String base = " from io.jmill.specializer.testelements.TemplateBase";
        assertEquals(List.of(
                "push(ILio/jmill/layout/Packet;)V" + base, // the superclass's final template method
                "choose(I)I",                               // its abstract step: the subclass's implementation
                "stamp(Lio/jmill/layout/Packet;)V",         // overridden: the subclass's, under its name
                "stamp$1(Lio/jmill/layout/Packet;)V" + base, // super.stamp(p): the superclass's, renamed
                "mix$1(I)I" + base),                         // the superclass's private static helper
                a.copiedMethods());
    }

    @Test
    void subclassOfASimpleElementSubclass() {
        ElementAnalysis a = ElementAnalysis.of(CountingSubclass.class);
        assertNull(a.reason());
        assertEquals(SimpleElement.class, a.framework());
        assertEquals(List.of("counter"), a.fields().stream().map(ElementAnalysis.FlatField::copyName).toList());
        assertTrue(a.copiedMethods().contains("push(ILio/jmill/layout/Packet;)V from "
                + SimpleElement.class.getName()), a.copiedMethods().toString());
    }

    @Test
    void classifiersAndRouteLookupsAreSpecializable() {
        for (Class<? extends Element> type : List.of(Classifier.class, IPClassifier.class, IPFilter.class,
                RadixIPLookup.class, DirectIPLookup.class, LinearIPLookup.class, StaticIPLookup.class)) {
            ElementAnalysis a = ElementAnalysis.of(type);
            assertNull(a.reason(), type.getSimpleName());
            assertEquals(Element.class, a.framework(), type.getSimpleName());
        }
        // RadixIPLookup's 'table' and IPRouteTable's: both held, the superclass's renamed.
        assertEquals(List.of("table", "table$1", "state"), ElementAnalysis.of(RadixIPLookup.class).fields().stream()
                .map(ElementAnalysis.FlatField::copyName).toList());
        assertTrue(ElementAnalysis.of(Classifier.class).copiedMethods().contains("classify(ILio/jmill/layout/Packet;)I from "
                + "io.jmill.elements.classifier.ClassifierElement"));
        // The batch form of ClassifyingElement, two classes up, is copied too.
        assertTrue(ElementAnalysis.of(Classifier.class).copiedMethods().contains(
                "pushBatch(ILio/jmill/layout/PacketBatch;)V from io.jmill.engine.element.ClassifyingElement"),
                ElementAnalysis.of(Classifier.class).copiedMethods().toString());
    }

    @Test
    void generatedClassExtendsTheFrameworkClassAndUsesOnlyItsOwnFields() throws Exception {
        Router r = Routers.build("src :: IPTrafficSource(LIMIT 10) -> c :: Classifier(12/0800, -);"
                + " c[0] -> Strip(14) -> CheckIPHeader -> f :: IPFilter(allow tcp, 1 udp, deny all);"
                + " f[0] -> GetIPAddress(16) -> rt :: RadixIPLookup(10.1.0.0/16 0, 0.0.0.0/0 10.100.0.9 1);"
                + " f[1] -> t :: TemplateSwitch; c[1] -> Discard; rt[0] -> Discard; rt[1] -> Discard;"
                + " t[0] -> Discard; t[1] -> Discard");
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            assertEquals(r.elements().size(), s.specializedElements().size(), s.decisions().toString());
            for (String name : List.of("c", "f", "rt", "t")) {
                ClassModel cm = ClassFile.of().parse(s.classBytes(name));
                assertEquals(ELEMENT_INTERNAL, cm.superclass().orElseThrow().asInternalName(), name);
                String self = cm.thisClass().asInternalName();
                String original = r.element(name).getClass().getName().replace('.', '/');
                String superclass = r.element(name).getClass().getSuperclass().getName().replace('.', '/');
                for (MethodModel m : cm.methods()) {
                    for (CodeElement e : m.code().map(c -> c.elementList()).orElse(List.of())) {
                        String where = name + "." + m.methodName().stringValue() + ": " + e;
                        if (e instanceof FieldInstruction f && (f.opcode() == Opcode.GETFIELD
                                || f.opcode() == Opcode.PUTFIELD)) {
                            assertFalse(Set.of(original, superclass).contains(f.owner().asInternalName()), where);
                        }
                        if (e instanceof InvokeInstruction i) {
                            assertFalse(i.name().equalsString("output") || i.name().equalsString("input"), where);
                            assertFalse(i.owner().asInternalName().equals(superclass), where);
                            if (i.owner().asInternalName().equals(original)) {
                                assertEquals(Opcode.INVOKESTATIC, i.opcode(), where);
                            }
                        }
                    }
                }
                if (name.equals("rt")) {
                    List<String> fields = new ArrayList<>();
                    for (FieldModel f : cm.fields()) {
                        fields.add(f.fieldName().stringValue());
                    }
                    assertTrue(fields.containsAll(List.of("table", "table$1", "state")), fields.toString());
                }
            }
        } finally {
            r.close();
        }
    }
}
