package io.jmill.specializer;

import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.XchangeReceiver;
import io.jmill.layout.CloneFields;
import io.jmill.layout.MetadataField;
import io.jmill.specializer.testelements.MaskRecorder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X-Change planning: the fields a router's elements can read, and handing them to the receivers. */
class XchangePlannerTest {

    private static boolean has(long mask, MetadataField f) {
        return (mask & (1L << f.id())) != 0;
    }

    private static Decision xchangeDecision(Plan plan) {
        List<Decision> d = plan.decisions().stream().filter(x -> x.kind().equals(Decision.XCHANGE_FIELDS)).toList();
        assertEquals(1, d.size(), plan.toText());
        return d.get(0);
    }

    @Test
    void aForwarderNeedsOnlyTheBufferGeometry() throws Exception {
        Router r = Routers.build("NumberedSource(LIMIT 10) -> m :: MaskRecorder -> EtherMirror -> Discard");
        try {
            Plan plan = new Specializer(r).plan(null);
            long f = plan.xchangeFields();
            assertTrue(has(f, MetadataField.DATA_OFFSET) && has(f, MetadataField.LENGTH), plan.toText());
            for (MetadataField unread : List.of(MetadataField.PAINT, MetadataField.TIMESTAMP, MetadataField.RSS_HASH,
                    MetadataField.DST_IP, MetadataField.NETWORK_HEADER, MetadataField.VLAN_TCI)) {
                assertFalse(has(f, unread), unread + " is read by nothing");
            }
            Decision d = xchangeDecision(plan);
            assertEquals("m", d.subject());
            assertTrue(d.detail().startsWith("the driver writes only data_offset, length"), d.detail());
            assertTrue(d.detail().contains("leaves ") && d.detail().contains("paint"), d.detail());
            assertTrue(plan.toJson().contains("\"kind\": \"xchange-fields\""), plan.toJson());
        } finally {
            r.close();
        }
    }

    @Test
    void everyFieldAnElementReadsIsFilledAndAClonesCopyIsNotARead() throws Exception {
        Router r = Routers.build("NumberedSource(LIMIT 10) -> m :: MaskRecorder -> t :: Tee -> ps :: PaintSwitch;"
                + " ps[0] -> Discard; ps[1] -> Discard; t[1] -> CheckIPHeader(14) -> Discard");
        try {
            long f = new Specializer(r).plan(null).xchangeFields();
            assertNotEquals(XchangeReceiver.ALL_FIELDS, f, "Tee's clone copies the metadata, it does not read it");
            assertTrue(has(f, MetadataField.PAINT), "PaintSwitch reads paint");
            assertFalse(has(f, MetadataField.TIMESTAMP));
        } finally {
            r.close();
        }
    }

    @Test
    void applyHandsTheMaskToTheReceiversAndRevertTakesItBack() throws Exception {
        Router r = Routers.build("NumberedSource -> m :: MaskRecorder -> EtherMirror -> Discard");
        try {
            MaskRecorder m = (MaskRecorder) r.element("m");
            Specializer s = new Specializer(r);
            r.start(1);
            Plan plan = s.plan(null);
            s.apply(plan);
            assertEquals(plan.xchangeFields(), m.fields());
            assertNotEquals(XchangeReceiver.ALL_FIELDS, m.fields());
            s.revert();
            assertEquals(XchangeReceiver.ALL_FIELDS, m.fields());
            assertEquals(2, m.calls());
        } finally {
            r.close();
        }
    }
    @Test
    void clonesCopyTheSameFieldsWhileSpecializedAndEveryFieldAfterRevertOrClose() throws Exception {
        Router r = Routers.build("NumberedSource -> t :: Tee -> ps :: PaintSwitch; ps[0] -> Discard; ps[1] -> Discard;"
                + " t[1] -> Discard");
        try {
            Specializer s = new Specializer(r);
            r.start(1);
            Plan plan = s.plan(null);
            s.apply(plan);
            assertEquals(plan.cloneFields(), CloneFields.fields(), "a clone copies what the graph reads");
            assertTrue(has(CloneFields.fields(), MetadataField.PAINT));
            assertNotEquals(CloneFields.ALL, CloneFields.fields());
            s.revert();
            assertEquals(CloneFields.ALL, CloneFields.fields());
            s.apply(plan);
            assertNotEquals(CloneFields.ALL, CloneFields.fields());
        } finally {
            r.close();
        }
        assertEquals(CloneFields.ALL, CloneFields.fields(), "a closed router narrows nothing");
    }
}
