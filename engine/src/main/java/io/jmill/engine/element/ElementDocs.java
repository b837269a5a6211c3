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
        // javac keeps the space that followed each line's '*': take it off, and trailing blanks.
        String s = javadoc.lines().map(l -> (l.startsWith(" ") ? l.substring(1) : l).stripTrailing())
                .collect(java.util.stream.Collectors.joining("\n"));
        Matcher m = INLINE_TAG.matcher(s);
        s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1).strip()));
        s = s.replaceAll("(?i)\\s*<p>\\s*", "\n\n")
                .replaceAll("(?i)</?pre>", "")
                .replaceAll("(?i)<li>", "- ")
                .replaceAll("(?i)</?(ul|ol|li|b|i|em|strong|code|tt|dl|dt|dd|h\\d)>", "")
                .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&#47;", "/").replaceAll("&amp;", "&");
        return s.replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
