package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Test sink: records the bytes and paint of every packet pushed to it ({@code paint:hexbytes}),
 * then frees it. It reads no other metadata, as the X-Change tests expect.
 */
@ElementInfo(ports = "1/0", processing = "h/h")
public final class Record extends Recorder {
    public Record(ElementConfig c) {
        super(c);
    }

    @Override
    protected void annotations(Packet p, StringBuilder sb) {
    }
}
