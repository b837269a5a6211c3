package io.jmill.engine.element;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an element's Javadoc into plain text for the terminal. */
final class ElementDocs {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain)\\s+([^}]*)}");

    private ElementDocs() {
    }

    static String toPlainText(String javadoc) {
        if (javadoc == null) {
            return "";
        }
        String s = javadoc;
        Matcher m = INLINE_TAG.matcher(s);
        s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1).strip()));
        s = s.replaceAll("(?i)<p>", "\n")
                .replaceAll("(?i)</?pre>", "")
                .replaceAll("(?i)<li>", "- ")
                .replaceAll("(?i)</?(ul|ol|li|b|i|em|strong|code|tt|dl|dt|dd|h\\d)>", "")
                .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&#47;", "/").replaceAll("&amp;", "&");
        return s.replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
