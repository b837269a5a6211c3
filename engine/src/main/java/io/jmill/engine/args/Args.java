package io.jmill.engine.args;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of one element: its argument text split into arguments, read declaratively like Click's
 * {@code Args(conf).read_mp("A", a).read("B", b).complete()}.
 *
 * <p>An element asks for each argument by name, converts it with a typed getter of {@link Arg} into a
 * {@code final} field, and finally calls {@link #complete()}, which throws one {@link ArgsException} listing
 * every problem found: malformed values, missing mandatory arguments, unknown keywords, surplus arguments.
 * Getters never throw; a bad value yields the default and an error for {@code complete()} to report.
 *
 * <pre>{@code
 * // RatedSource(DATA "\<00 01>", RATE 10k, LIMIT 1000, ACTIVE false)  or  RatedSource("\<00 01>", 10k)
 * RatedSource(String name, String config) throws ArgsException {
 *     Args args = new Args(name, config);
 *     this.data = args.positional("DATA").data(new byte[64]);
 *     this.rate = args.positional("RATE").rate(10);
 *     this.limit = args.keyword("LIMIT").longValue(-1, -1, Long.MAX_VALUE);
 *     this.active = args.keyword("ACTIVE").bool(true);
 *     args.complete();
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Splitting</b> ({@link #split(String)}): top-level commas separate arguments; commas inside quotes,
 *     {@code \<...>} blocks, parentheses, brackets and braces do not. Arguments are trimmed. An empty argument
 *     ({@code "a, , c"}) fills a positional slot with nothing, which lets a later positional argument be given
 *     while an earlier one keeps its default.</li>
 * <li><b>Keyword arguments</b> start with an uppercase word ({@code [A-Z][A-Z0-9_]*}) followed by whitespace:
 *     {@code LIMIT 10}. A bare uppercase word alone ({@code VERBOSE}) is a keyword with no value, which only
 *     {@link Arg#bool(boolean)} accepts (as true). To pass an uppercase word as a <em>positional</em> value, quote
 *     it ({@code "ETHER"}) or, for choices, write it in lowercase.</li>
 * <li><b>Positional arguments</b> are the other (plain) arguments, taken in order by {@link #positional} and
 *     {@link #mandatoryPositional}; they may be mixed with keyword arguments. A positional argument's name also
 *     works as a keyword, and when it is given as a keyword, no plain argument is consumed for it.</li>
 * <li>A <b>mandatory positional</b> argument for which no plain argument is left takes the next unread argument
 *     even if it looks like a keyword, as Click does, so that {@code Print(RX)} gives the label {@code RX}.</li>
 * <li>Each keyword may appear once, except those read with {@link #all(String)}.</li>
 * <li>At {@link #complete()}, unread keyword arguments are reported as unknown (with a suggestion among the
 *     names the element asked for), and unread plain arguments as {@code "too many arguments"}.</li>
 * </ul>
 *
 * <p>Instances are for one use by one thread, during element construction.
 */
public final class Args {
    private final String elementName;
    private final List<RawArgument> arguments = new ArrayList<>();
    private final boolean[] used;
    /**
     * Keyword-looking arguments a mandatory positional argument took whole ({@code Print(RX)}); like Click, these no
     * longer count as keywords, so one argument never feeds two values.
     */
    private final boolean[] takenWhole;
    /** Every name the element asked for, in order: the vocabulary for "did you mean" suggestions. */
    private final Set<String> requestedNames = new LinkedHashSet<>();
    /** A set, because an element that reads the same bad argument twice should not report it twice. */
    private final Set<String> errors = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param elementName the element's name, carried into {@link ArgsException#elementName()}
     * @param configText the text between the element class's parentheses, comments already removed; may be
     *     empty or null for no configuration
     */
    public Args(String elementName, String configText) {
        this(elementName, configText, Set.of());
    }

    /**
     * Arguments in which an uppercase first word from {@code plainWords} does not make a keyword
     * argument: Click treats only the element's own keywords as keywords, so {@code Print(RX, 4)}
     * has the label {@code RX}. The router finds such words with {@link #strayKeywordWords()}
     * after a first reading and reads the configuration again.
     */
    public Args(String elementName, String configText, Set<String> plainWords) {
        this.elementName = elementName;
        List<String> pieces = split(configText);
        for (int i = 0; i < pieces.size(); i++) {
            arguments.add(RawArgument.of(i, pieces.get(i), plainWords));
        }
        this.used = new boolean[arguments.size()];
        this.takenWhole = new boolean[arguments.size()];
    }

    /**
     * Splits configuration text into arguments at top-level commas, trimming each and keeping quotes, so that
     * {@code split("a, \"b, c\", f(x, y)")} is {@code [a, "b, c", f(x, y)]}. Empty text gives an empty list; a
     * trailing comma is ignored.
     */
    public static List<String> split(String configText) {
        return List.copyOf(ConfigSplitter.splitArguments(configText));
    }

    /**
     * A positional-or-keyword argument (Click {@code read_p}): keyword {@code NAME} if given, otherwise the next
     * unread plain argument, otherwise absent.
     */
    public Arg positional(String name) {
        return takePositional(name, false);
    }

    /**
     * A mandatory positional-or-keyword argument (Click {@code read_mp}). When missing, records
     * {@code "missing mandatory NAME argument"} and returns an absent {@link Arg}.
     */
    public Arg mandatoryPositional(String name) {
        return takePositional(name, true);
    }

    /** A keyword-only argument (Click {@code read}). */
    public Arg keyword(String name) {
        return takeKeyword(name, false);
    }

    /** A mandatory keyword-only argument (Click {@code read_m}). */
    public Arg mandatoryKeyword(String name) {
        return takeKeyword(name, true);
    }

    /**
     * Every occurrence of a repeatable keyword, in configuration order ({@code ROUTE a, ROUTE b} gives two), or an
     * empty list.
     */
    public List<Arg> all(String name) {
        requestedNames.add(name);
        return keywordOccurrences(name).stream().map(raw -> new Arg(this, name, raw.value())).toList();
    }

    /**
     * All plain arguments not yet read, in order, for elements whose configuration is a list (Classifier
     * patterns, routes). Each is named {@code "argument N"} (N counts from 1 over the whole configuration) in error
     * messages; an empty argument is included as an absent {@link Arg} so that list positions stay aligned.
     * Keyword arguments are left alone, so call this after reading the element's keywords.
     */
    public List<Arg> remainingPositional() {
        List<Arg> rest = new ArrayList<>();
        for (RawArgument raw : arguments) {
            if (!used[raw.index()] && !raw.isKeyword()) {
                used[raw.index()] = true;
                rest.add(plainArg("argument " + (raw.index() + 1), raw));
            }
        }
        return rest;
    }

    /**
     * Records a message that is not an error, for the router to show where the element is
     * configured (Click's {@code While configuring} lines): Message's text, a warning.
     */
    public void note(String message) {
        notes.add(message);
    }

    /** The messages recorded with {@link #note}, in order. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records an element-specific error, such as a check across arguments; reported by {@link #complete()}. */
    public void error(String message) {
        errors.add(message);
    }

    /**
     * Finishes reading: throws an {@link ArgsException} listing every error recorded so far plus unknown keywords
     * ({@code "unknown keyword 'ACTVE' (did you mean ACTIVE?)"}) and, once, {@code "too many arguments"} if plain
     * arguments were left unread. Returns normally when all is well.
     */
    public void complete() throws ArgsException {
        List<String> all = new ArrayList<>(errors);
        boolean surplus = false;
        for (RawArgument raw : arguments) {
            if (used[raw.index()]) {
                continue;
            }
            if (raw.isKeyword()) {
                all.add(unknownKeyword(raw.keyword()));
            } else if (!raw.text().isEmpty()) {
                // A trailing empty placeholder ("a, , ") carries nothing, so it is not "too many".
                surplus = true;
            }
        }
        if (surplus) {
            all.add("too many arguments");
        }
        if (!all.isEmpty()) {
            throw new ArgsException(elementName, all);
        }
    }

    /**
     * After the element has read its arguments: the first words of keyword-looking arguments that
     * nobody asked for and that are not near-misses of a name the element asked for (those stay
     * "unknown keyword" errors with a suggestion). Reading again with these words as plain gives
     * Click's interpretation.
     */
    public Set<String> strayKeywordWords() {
        Set<String> stray = new LinkedHashSet<>();
        for (RawArgument raw : arguments) {
            if (!used[raw.index()] && raw.isKeyword() && !requestedNames.contains(raw.keyword())
                    && requestedNames.stream().allMatch(n -> KeywordSuggester.distance(raw.keyword(), n) > 2)) {
                stray.add(raw.keyword());
            }
        }
        return stray;
    }

    /** The element name given to the constructor. */
    public String elementName() {
        return elementName;
    }

    // ---- internals ----

    private Arg takeKeyword(String name, boolean mandatory) {
        requestedNames.add(name);
        List<RawArgument> found = keywordOccurrences(name);
        if (found.isEmpty()) {
            return missing(name, mandatory);
        }
        return keywordArg(name, found);
    }

    private Arg takePositional(String name, boolean mandatory) {
        requestedNames.add(name);
        List<RawArgument> found = keywordOccurrences(name);
        if (!found.isEmpty()) {
            return keywordArg(name, found);
        }
        Optional<RawArgument> next = nextUnread(false);
        if (next.isEmpty() && mandatory) {
            next = nextUnread(true);
        }
        if (next.isEmpty()) {
            return missing(name, mandatory);
        }
        used[next.get().index()] = true;
        takenWhole[next.get().index()] = next.get().isKeyword();
        Arg arg = plainArg(name, next.get());
        if (!arg.present() && mandatory) {
            return missing(name, true);
        }
        return arg;
    }

    /** Marks and returns all arguments with this keyword. */
    private List<RawArgument> keywordOccurrences(String name) {
        List<RawArgument> found = new ArrayList<>();
        for (RawArgument raw : arguments) {
            if (name.equals(raw.keyword()) && !takenWhole[raw.index()]) {
                used[raw.index()] = true;
                found.add(raw);
            }
        }
        return found;
    }

    private Arg keywordArg(String name, List<RawArgument> found) {
        if (found.size() > 1) {
            errors.add(name + ": given " + found.size() + " times, expected once");
        }
        // The last occurrence wins, as in Click; moot anyway, since the duplicate makes complete() fail.
        return new Arg(this, name, found.getLast().value());
    }

    /** An empty plain argument is a placeholder meaning "not given". */
    private Arg plainArg(String name, RawArgument raw) {
        return new Arg(this, name, raw.text().isEmpty() ? null : raw.text());
    }

    private Optional<RawArgument> nextUnread(boolean includeKeywords) {
        return arguments.stream().filter(raw -> !used[raw.index()] && (includeKeywords || !raw.isKeyword())).findFirst();
    }

    private Arg missing(String name, boolean mandatory) {
        if (mandatory) {
            errors.add("missing mandatory " + name + " argument");
        }
        return new Arg(this, name, null);
    }

    private String unknownKeyword(String word) {
        return KeywordSuggester.suggest(word, requestedNames)
                .map(s -> "unknown keyword '" + word + "' (did you mean " + s + "?)")
                .orElse("unknown keyword '" + word + "'");
    }

    /** Called by {@link Arg} getters to record a value error, already prefixed with the argument name. */
    void valueError(String message) {
        errors.add(message);
    }
}
