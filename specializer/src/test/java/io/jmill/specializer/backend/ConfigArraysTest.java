package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;
import io.jmill.engine.router.Router;
import io.jmill.specializer.Routers;
import io.jmill.specializer.Specialization;
import io.jmill.specializer.Specializer;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What of a specialized copy's configuration the Graal backend may fold as constants. */
class ConfigArraysTest {
    @Test
    void onlyArraysNoCodeChangesAfterConfigurationOrOnlyHandlersChangeAreConstant() throws Exception {
        Found f = found("src :: NumberedSource(LIMIT 1) -> t :: ArrayTables(BASE 7) -> Discard;");
        // hits, seen: the data path counts in them; shares: a getter hands it out; offsets: a
        // helper object holds the same array and the data path stores into it through that.
        assertEquals(Set.of("paints", "flags"), f.copyArrays());
        assertTrue(f.found().handlerWritten(), "flags is written by a handler");
        Class<?> c = f.original().getClass();
        assertEquals(FieldWriters.Verdict.NEVER, FieldWriters.of(c.getDeclaredField("paints")));
        assertEquals(FieldWriters.Verdict.HANDLERS, FieldWriters.of(c.getDeclaredField("flags")));
        assertEquals(FieldWriters.Verdict.NEVER, FieldWriters.of(c.getDeclaredField("offsets")),
                "its own code never changes it: only the other holder stops it");
    }

    @Test
    void theCheckIsPerFieldNotPerComponentType() throws Exception {
        Found f = found("src :: NumberedSource(LIMIT 1) -> t :: ArrayTables(BASE 7) -> Discard;");
        Class<?> c = f.original().getClass();
        // seen and paints are both int[]: the data path stores ints into seen only
        assertEquals(FieldWriters.Verdict.CHANGING, FieldWriters.of(c.getDeclaredField("seen")));
        assertTrue(FieldWriters.why(c.getDeclaredField("seen")).contains("simpleAction"));
        assertEquals(FieldWriters.Verdict.NEVER, FieldWriters.of(c.getDeclaredField("paints")));
    }

    @Test
    void theRoutersConfigurationArraysAreFoundAndItsCountersAreNot() throws Exception {
        Found f = found("src :: NumberedSource(LIMIT 1) -> t :: CheckIPHeader(BADSRC 10.0.0.255 10.0.0.0) -> Discard;");
        assertEquals(Set.of("badSrc", "goodDst"), f.copyArrays());
        assertFalse(f.found().handlerWritten());
    }

    @Test
    void aClassifiersProgramIsCodeAndItsRuleOutputsAreConstant() throws Exception {
        Found f = found("src :: NumberedSource(LIMIT 1) -> t :: Classifier(12/0806, 12/0800, -);"
                + " t[0] -> Discard; t[1] -> Discard; t[2] -> Discard;");
        assertEquals(Set.of("ruleOutputs"), f.copyArrays());
        // The program runs as a generated class: its tests are constants in the bytecode, no array is read.
        Class<?> codegen = Class.forName("io.jmill.elements.classifier.ProgramCodegen");
        Class<?> programClass = Class.forName("io.jmill.elements.classifier.Program");
        Method generate = codegen.getDeclaredMethod("generate", programClass);
        generate.setAccessible(true);
        Field program = Class.forName("io.jmill.elements.classifier.ClassifierElement").getDeclaredField("program");
        program.setAccessible(true);
        ClassModel compiled = ClassFile.of().parse((byte[]) generate.invoke(null, program.get(f.original())));
        assertEquals(0, arrayLoads(compiled, "walk"));
        assertEquals(0, arrayLoads(ClassCode.model(Class.forName("io.jmill.elements.classifier.Matcher")), "match"));
    }

    @Test
    void aRewritersPatternsAndInputTablesFoldTheirPortCountersDoNot() throws Exception {
        Found f = found("src :: NumberedSource(LIMIT 1) -> t :: IPRewriter(pattern 10.100.0.1 1024-65535 - - 0 1, drop);"
                + " Idle -> [1] t; t[0] -> Discard; t[1] -> Discard;");
        // int[] kind, foutput, routput sit beside the int[] flow tables the data path writes
        assertTrue(f.copyArrays().containsAll(Set.of("kind", "foutput", "routput", "pattern")), f.copyArrays().toString());
        assertTrue(f.found().handlerWritten(), "the patternN handlers rewrite them");
        Class<?> pattern = Class.forName("io.jmill.elements.nat.RewritePattern");
        assertTrue(f.found().trustedClasses().contains(pattern), "a pattern's addresses and ports fold");
        Field next = pattern.getDeclaredField("nextVariation");
        assertEquals(FieldWriters.Verdict.CHANGING, FieldWriters.of(next), "the next port is data-path state");
        assertFalse(f.found().snapshotFields().contains(next));
    }

    @Test
    void routeTablesThatHandlersReplaceFoldUntilAHandlerRunsTheLargeOnesDoNot() throws Exception {
        String routes = "(10.0.0.0/8 0, 0/0 10.0.0.1 1); t[0] -> Discard; t[1] -> Discard;";
        Found linear = found("src :: NumberedSource(LIMIT 1) -> t :: LinearIPLookup" + routes);
        Field byLength = Class.forName("io.jmill.elements.routing.LinearRouteTable").getDeclaredField("byLength");
        assertTrue(linear.found().snapshotFields().contains(byLength), "the table, swapped whole by add/set/remove");
        assertTrue(linear.found().constantArrays().contains(byLength), "and its routes");
        assertTrue(linear.found().trustedClasses().contains(Class.forName("io.jmill.elements.routing.IPRoute")));
        assertTrue(linear.found().handlerWritten());
        assertTrue(linear.found().snapshotFields().stream().noneMatch(x -> x.getName().equals("drops")),
                "the drop count stays a load");

        Found direct = found("src :: NumberedSource(LIMIT 1) -> t :: DirectIPLookup" + routes);
        assertTrue(direct.found().constantArrays().stream().noneMatch(x -> x.getDeclaringClass().getSimpleName()
                .equals("DirectRouteTable")), direct.found().constantArrays().toString());
        assertTrue(direct.found().tooLarge() > 0, "its 2^24-entry first level does not fit");
    }

    @Test
    void followingOnlyTheCopiesOwnArraysFoldsLess() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 1) -> t :: LinearIPLookup(10.0.0.0/8 0, 0/0 10.0.0.1 1);"
                + " t[0] -> Discard; t[1] -> Discard;");
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            ConfigArrays.Found own = ConfigArrays.of(Map.of(r.element("t"), s.copy("t")), r.elements(), false);
            assertEquals(Set.of(), own.constantArrays());
            assertEquals(Set.of(), own.trustedClasses());
        } finally {
            r.close();
        }
    }

    private record Found(Element original, Element copy, ConfigArrays.Found found) {
        Set<String> copyArrays() {
            return found.constantArrays().stream().filter(f -> f.getDeclaringClass() == copy.getClass())
                    .map(Field::getName).collect(Collectors.toSet());
        }
    }

    private static Found found(String config) throws Exception {
        Router r = Routers.build(config);
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            Element original = r.element("t");
            Element copy = s.copy("t");
            return new Found(original, copy, ConfigArrays.of(Map.of(original, copy), r.elements(), true));
        } finally {
            r.close();
        }
    }

    private static long arrayLoads(ClassModel c, String method) {
        Function<MethodModel, Long> loads = m -> m.code().map(code -> code.elementStream()
                .filter(e -> e instanceof ArrayLoadInstruction).count()).orElse(0L);
        return c.methods().stream().filter(m -> m.methodName().equalsString(method)).mapToLong(loads::apply).sum();
    }
}
