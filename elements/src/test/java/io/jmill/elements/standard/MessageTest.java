package io.jmill.elements.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static Router build(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("m.click", config, Map.of()));
    }

    @Test
    void messagesAndWarningsAreNotesOfTheElementInConfigurationOrder() throws Exception {
        Router r = build("""
                m :: Message("first, with a comma");
                w :: Message(careful, WARNING);
                """);
        List<String> notes = r.configurationNotes().stream().map(ConfigError::toString).toList();
        assertEquals(List.of("m.click:1:1: m: first, with a comma", "m.click:2:1: w: warning: careful"), notes);
        assertEquals("Message", r.configurationNotes().getFirst().configuring());
        r.close();
    }

    @Test
    void anErrorMessageStopsTheRouter() {
        ConfigException e = assertThrows(ConfigException.class, () -> build("Message(\"do not use\", ERROR)"));
        assertEquals(List.of("m.click:1:1: Message@1: do not use"), e.errors().stream().map(ConfigError::toString).toList());
        e = assertThrows(ConfigException.class, () -> build("Message(x, loud)"));
        assertEquals(List.of("TYPE: expected one of MESSAGE, WARNING, ERROR, got 'loud'"),
                e.errors().stream().map(ConfigError::message).toList());
    }
}
