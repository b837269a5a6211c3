package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;
import io.jmill.engine.router.Router;
import io.jmill.specializer.Routers;
import io.jmill.specializer.Specialization;
import io.jmill.specializer.Specializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which arrays of a specialized copy the Graal backend may fold as constants. */
class ConfigArraysTest {
    @Test
    void onlyArraysNoCodeChangesAfterConstructionAreConstant() throws Exception {
        Router r = Routers.build("""
                src :: NumberedSource(LIMIT 1) -> t :: ArrayTables(BASE 7) -> Discard;
                """);
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            Element original = r.element("t");
            Element copy = s.copy("t");
            Set<String> constant = ConfigArrays.of(original, copy).stream().map(Field::getName).collect(Collectors.toSet());
            // hits: the data path counts in it; flags: a handler writes it; shares: a getter hands it out
            assertEquals(Set.of("paints"), constant);
        } finally {
            r.close();
        }
    }

    @Test
    void theRoutersConfigurationArraysAreFoundAndItsCountersAreNot() throws Exception {
        Router r = Routers.build("""
                src :: NumberedSource(LIMIT 1) -> c :: CheckIPHeader(BADSRC 10.0.0.255 10.0.0.0) -> Discard;
                """);
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            Set<String> constant = ConfigArrays.of(r.element("c"), s.copy("c")).stream().map(Field::getName)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("badSrc", "goodDst"), constant);
        } finally {
            r.close();
        }
    }

    @Test
    void aClassifiersRuleOutputsAreConstant() throws Exception {
        Router r = Routers.build("""
                src :: NumberedSource(LIMIT 1) -> c :: Classifier(12/0806, 12/0800, -);
                c[0] -> Discard; c[1] -> Discard; c[2] -> Discard;
                """);
        try {
            Specializer specializer = new Specializer(r);
            Specialization s = specializer.generate(specializer.plan(null));
            Set<String> constant = ConfigArrays.of(r.element("c"), s.copy("c")).stream().map(Field::getName)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("ruleOutputs"), constant);
        } finally {
            r.close();
        }
    }
}
