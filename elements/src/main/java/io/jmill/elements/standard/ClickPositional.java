package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Click's rule for positional arguments that start with an uppercase word.
 *
 * <p>JMill's {@link Args} takes every argument that starts with an uppercase word for a keyword
 * argument; Click takes it for a keyword only if the word is one of the element's own keywords,
 * and otherwise for the next positional argument. So in Click {@code Print(RX)} prints with
 * label {@code RX}, and {@code Paint(1, PAINT)} names the annotation. Elements whose optional
 * positional arguments are words ask here first.
 */
final class ClickPositional {
    private static final Pattern KEYWORD_LIKE = Pattern.compile("([A-Z][A-Z0-9_]*)(?:\\s+.*)?", Pattern.DOTALL);

    private ClickPositional() {
    }

    /**
     * If positional argument {@code slot} (from 0, in Click's counting) is written like a keyword
     * whose word is not among {@code keywords} (every name the element reads), consumes it and
     * returns its text; otherwise returns null, and the element reads the slot from {@link Args}
     * as usual.
     */
    static String keywordLike(ElementConfig c, int slot, Set<String> keywords) {
        List<String> parts = Args.split(c.configText());
        int k = 0;
        for (String part : parts) {
            Matcher m = KEYWORD_LIKE.matcher(part);
            boolean keywordLike = m.matches();
            if (keywordLike && keywords.contains(m.group(1))) {
                continue;
            }
            if (k++ == slot) {
                if (!keywordLike) {
                    return null;
                }
                c.args().keyword(m.group(1));
                return part;
            }
        }
        return null;
    }
}
