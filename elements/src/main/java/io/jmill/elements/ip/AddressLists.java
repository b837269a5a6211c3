package io.jmill.elements.ip;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;

import java.util.List;

/** Click's space-separated lists of IP addresses or prefixes ({@code BADSRC 10.0.0.255 0.0.0.0}). */
final class AddressLists {
    private AddressLists() {
    }

    /** The addresses of a present argument, or an empty array; a bad word is reported through {@code args}. */
    static int[] addresses(Args args, Arg arg) {
        List<String> words = arg.words();
        int[] result = new int[words.size()];
        int n = 0;
        for (String word : words) {
            String text = unquote(word);
            IPPrefix prefix = text.indexOf('/') < 0 ? parsePrefix(text) : null;
            if (prefix == null || prefix.mask() != -1) {
                args.error(arg.name() + ": expected IPv4 address, got '" + word + "'");
            } else {
                result[n++] = prefix.address();
            }
        }
        return java.util.Arrays.copyOf(result, n);
    }

    /** The prefixes of a present argument ({@code 18.26.4.9/24}; a bare address is a /32). */
    static IPPrefix[] prefixes(Args args, Arg arg) {
        List<String> words = arg.words();
        IPPrefix[] result = new IPPrefix[words.size()];
        int n = 0;
        for (String word : words) {
            IPPrefix prefix = parsePrefix(unquote(word));
            if (prefix == null) {
                args.error(arg.name() + ": expected IP prefix, got '" + word + "'");
            } else {
                result[n++] = prefix;
            }
        }
        return java.util.Arrays.copyOf(result, n);
    }

    private static IPPrefix parsePrefix(String text) {
        try {
            return IPPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.charAt(0) == '"' || word.charAt(0) == '\'')
                && word.charAt(word.length() - 1) == word.charAt(0)) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }
}
