package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Test element: TemplateBase's {@code push} with its own {@code choose} (byte 8 modulo MODULUS:
 * 0 to output 0, 1 to output 1, the rest dropped) and {@code stamp}, and a field named like one of
 * its superclass's ({@code port}, with another value).
 */
@ElementInfo(ports = "1/2", processing = "h/h")
public final class TemplateSwitch extends TemplateBase {
    private final int port;
    private final int modulus;

    public TemplateSwitch(ElementConfig c) {
        super(c, 8, 11);
        this.port = c.args().keyword("PORT").integer(22, 0, 255);
        this.modulus = c.args().keyword("MODULUS").integer(3, 1, 255);
    }

    @Override
    protected int choose(int value) {
        int m = value % modulus;
        return m <= 1 ? m : -1;
    }

    @Override
    void stamp(Packet p) {
        super.stamp(p);
        p.setU8(9, port);
    }
}
