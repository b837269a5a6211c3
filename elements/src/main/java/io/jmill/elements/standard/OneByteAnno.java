package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.layout.MetadataField;

import java.util.Locale;
import java.util.Set;

/** The optional ANNO argument of the paint elements (Paint, PaintTee, CheckPaint): a one-byte annotation. */
final class OneByteAnno {
    private OneByteAnno() {
    }

    /**
     * Reads ANNO, Click's second positional argument or a keyword; returns the field, or null for
     * the built-in PAINT (which the elements read through its own accessor). A bare uppercase word
     * is the annotation's name, as in Click's {@code Paint(1, PAINT)}.
     */
    static MetadataField read(ElementConfig c, Set<String> keywords) {
        var args = c.args();
        String name = ClickPositional.keywordLike(c, 1, keywords);
        if (name == null) {
            name = args.positional("ANNO").string(null);
        }
        if (name == null) {
            return null;
        }
        name = name.strip();
        MetadataField field = MetadataField.byName(name.toLowerCase(Locale.ROOT));
        if (field == null) {
            args.error("ANNO: unknown annotation '" + name + "'");
            return null;
        }
        if (field.size() != 1) {
            args.error("ANNO: annotation '" + name + "' is " + field.size() + " bytes, not 1");
            return null;
        }
        return field == MetadataField.PAINT ? null : field;
    }
}
