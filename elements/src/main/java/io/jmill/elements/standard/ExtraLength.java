package io.jmill.elements.standard;

import io.jmill.layout.MetadataField;

/**
 * Click's extra-length annotation: bytes a packet stands for beyond its data (what Truncate cut
 * off, what Pad should add back), a four-byte named annotation {@code extra_length}.
 */
final class ExtraLength {
    static final MetadataField FIELD = MetadataField.register("extra_length", 4);

    private ExtraLength() {
    }
}
