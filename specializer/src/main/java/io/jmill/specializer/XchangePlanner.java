package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.runtime.XchangeReceiver;
import io.jmill.layout.MetadataField;
import io.jmill.profiler.FieldAccessSites;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Plans PacketMill's X-Change for a router: which metadata fields its XCHANGE drivers must fill.
 * A field must be filled if some element of the router can read it: the union of the read sites
 * that {@link FieldAccessSites} finds in every element's bytecode (generic and specialized copies
 * come from the same bytecode, so the answer holds for both). {@code data_offset} and
 * {@code length} are always filled (drivers need them to transmit). A read of "some named
 * annotation" ({@code anno}) counts as a read of every named annotation. A copy of the whole
 * metadata area ({@code clone}) reads nothing by itself: whatever reads the copy is an element of
 * the router, and its reads are counted. If the analysis of any element is incomplete, every
 * field is filled.
 */
final class XchangePlanner {
    private XchangePlanner() {
    }

    /**
     * The plan's field mask and its decisions (one per receiving device element); {@code reads}
     * is the mask of fields some element reads (all when not fully known), with or without
     * receiving devices.
     */
    record Result(long fields, List<Decision> decisions, long reads) {
    }

    static Result plan(List<Element> elements) {
        long mask = bit(MetadataField.DATA_OFFSET) | bit(MetadataField.LENGTH);
        String why = null;
        for (Element e : elements) {
            FieldAccessSites s = FieldAccessSites.of(e);
            if (!s.problems().isEmpty()) {
                why = "the metadata reads of " + e.name() + " are not fully known (" + s.problems().get(0) + ")";
                break;
            }
            for (String name : s.fields()) {
                if (s.readSites(name) == 0) {
                    continue;
                }
                if (name.equals(FieldAccessSites.ALL_METADATA)) {
                    continue; // a copy (clone): the copy's readers are elements too, and counted
                }
                if (name.equals(FieldAccessSites.NAMED_ANNOTATIONS)) {
                    for (MetadataField f : MetadataField.all()) {
                        if (f.isNamed()) {
                            mask |= bit(f);
                        }
                    }
                    continue;
                }
                MetadataField f = MetadataField.byName(name);
                if (f == null) {
                    why = e.name() + " reads " + name + ", which is not a metadata field";
                    break;
                }
                mask |= bit(f);
            }
            if (why != null) {
                break;
            }
        }
        long fields = why == null ? mask : XchangeReceiver.ALL_FIELDS;
        List<Decision> decisions = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof XchangeReceiver r) {
                decisions.add(decision(e.name(), r.metadataModel(), fields, why));
            }
        }
        return new Result(decisions.isEmpty() ? XchangeReceiver.ALL_FIELDS : fields, decisions, fields);
    }

    private static long bit(MetadataField f) {
        return 1L << f.id();
    }

    private static Decision decision(String element, String model, long fields, String why) {
        if (model != null && !model.equals("xchange")) {
            return new Decision(Decision.XCHANGE_FIELDS, element, "none: the device uses the " + model + " model",
                    "only XCHANGE drivers write JMill's metadata directly; the " + model + " model fills every field");
        }
        if (fields == XchangeReceiver.ALL_FIELDS) {
            return new Decision(Decision.XCHANGE_FIELDS, element, "the driver fills every field", why);
        }
        StringJoiner filled = new StringJoiner(", ");
        StringJoiner skipped = new StringJoiner(", ");
        for (MetadataField f : MetadataField.all()) {
            ((fields & bit(f)) != 0 ? filled : skipped).add(f.name());
        }
        return new Decision(Decision.XCHANGE_FIELDS, element, "the driver writes only " + filled
                + " (zero where the completion has no value); leaves " + skipped,
                "PacketMill's X-Change: the driver fills only the metadata the graph reads (read sites in the "
                        + "bytecode of every element); no element reads the fields it leaves");
    }
}
