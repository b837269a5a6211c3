package io.jmill.specializer;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.specializer.testelements.BadHuge;
import io.jmill.specializer.testelements.BadLambda;
import io.jmill.specializer.testelements.BadMutable;
import io.jmill.specializer.testelements.BadPrivateStatic;
import io.jmill.specializer.testelements.BadSelf;
import io.jmill.specializer.testelements.BadSubclass;
import io.jmill.specializer.testelements.BadSynchronized;
import io.jmill.specializer.testelements.Bitmap;
import io.jmill.specializer.testelements.CountingSubclass;
import io.jmill.specializer.testelements.IPTrafficSource;
import io.jmill.specializer.testelements.NumberedSource;
import io.jmill.specializer.testelements.PaintByNumber;
import io.jmill.specializer.testelements.PaintSwitch;
import io.jmill.specializer.testelements.ParitySwitch;
import io.jmill.specializer.testelements.Record;
import io.jmill.specializer.testelements.TemplateSwitch;
import io.jmill.specializer.testelements.Thrower;

import java.util.Map;

/** Builds routers from configuration text, with the standard elements and the test elements. */
public final class Routers {
    private Routers() {
    }

    public static ElementRegistry registry() {
        return Harness.registry()
                .register(NumberedSource.class).register(Record.class).register(Bitmap.class)
                .register(ParitySwitch.class).register(PaintSwitch.class).register(PaintByNumber.class)
                .register(Thrower.class).register(BadMutable.class).register(BadSubclass.class)
                .register(BadLambda.class).register(BadSynchronized.class).register(BadSelf.class)
                .register(BadHuge.class).register(io.jmill.specializer.testelements.Probe.class)
                .register(TemplateSwitch.class).register(CountingSubclass.class).register(BadPrivateStatic.class)
                .register(IPTrafficSource.class)
                .register(io.jmill.specializer.testelements.MaskRecorder.class)
                .register(io.jmill.specializer.testelements.RecordAll.class)
                .register(io.jmill.specializer.testelements.FuzzSource.class)
                .register(io.jmill.specializer.testelements.ThrowOnce.class)
                .register(io.jmill.specializer.testelements.PeekPastEnd.class)
                .register(io.jmill.specializer.testelements.ArrayTables.class);
    }

    public static Router build(String config) throws ConfigException {
        return build(registry(), config);
    }

    static Router build(ElementRegistry registry, String config) throws ConfigException {
        return new RouterBuilder(registry).build(ClickParser.parse("test.click", config, Map.of()));
    }
}
