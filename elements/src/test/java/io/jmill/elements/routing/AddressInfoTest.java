package io.jmill.elements.routing;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressInfoTest {
    private static Router router(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click", config, Map.of()));
    }

    @Test
    void namesStandForAddressesPrefixesAndBroadcastsAnywhereInTheFile() throws Exception {
        Router r = router("""
                rt :: LinearIPLookup(foo 0, foo:ipnet 1, foo:bcast 2, bar 3);
                AddressInfo(foo 1.2.3.4/20, bar 10.0.0.1 00:01:02:03:04:05);
                e :: EtherEncap(0x0800, bar, bar:eth);
                Idle -> rt; rt[0] -> Discard; rt[1] -> Discard; rt[2] -> Discard; rt[3] -> e -> Discard;
                """);
        String table = r.read("rt.table");
        assertTrue(table.contains("1.2.3.4/32"), table);
        assertTrue(table.contains("1.2.0.0/20"), table);
        assertTrue(table.contains("1.2.15.255/32"), table);
        assertTrue(table.contains("10.0.0.1/32"), table);
        assertEquals("foo 1.2.3.4/20\nbar 10.0.0.1 00:01:02:03:04:05", r.read("AddressInfo@2.names"));
        r.close();
    }

    @Test
    void aNameIsNotAnAddressOutsideItsRouterAndBadAddressesAreErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> router("""
                AddressInfo(foo 1.2.3.300, lone);
                Idle -> LinearIPLookup(foo 0) -> Discard;
                """));
        assertEquals(2, e.errors().stream().filter(x -> x.element().equals("AddressInfo@1")).count(), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> router("Idle -> LinearIPLookup(foo 0) -> Discard;"));
        assertTrue(unknown.getMessage().contains("LinearIPLookup@2: argument 1"), unknown.getMessage());
    }
}
