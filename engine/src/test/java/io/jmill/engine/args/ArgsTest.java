package io.jmill.engine.args;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument bookkeeping: positional/keyword matching, mandatory, repeats, unknown keywords, error collection. */
class ArgsTest {
    private static List<String> errors(Args args) {
        return assertThrows(ArgsException.class, args::complete).errors();
    }

    @Test
    void positionalArgumentsInOrder() throws ArgsException {
        Args args = new Args("q", "10, 20");
        assertEquals(10, args.positional("A").integer(0));
        assertEquals(20, args.positional("B").integer(0));
        assertFalse(args.positional("C").present());
        args.complete();
    }

    @Test
    void positionalNameAlsoWorksAsKeyword() throws ArgsException {
        Args args = new Args("q", "B 20, 10");
        assertEquals(10, args.positional("A").integer(0));
        assertEquals(20, args.positional("B").integer(0));
        args.complete();
    }

    @Test
    void positionalGivenByKeywordDoesNotConsumeAPlainArgument() throws ArgsException {
        Args args = new Args("q", "A 1, 2");
        assertEquals(1, args.positional("A").integer(0));
        assertEquals(2, args.positional("B").integer(0));
        args.complete();
    }

    @Test
    void positionalAndKeywordArgumentsMix() throws ArgsException {
        Args args = new Args("src", "LIMIT 5, \"data\", ACTIVE false, 100");
        assertEquals("data", args.positional("DATA").string(""));
        assertEquals(100, args.positional("RATE").integer(0));
        assertEquals(5, args.keyword("LIMIT").integer(-1));
        assertFalse(args.keyword("ACTIVE").bool(true));
        args.complete();
    }

    @Test
    void emptyArgumentSkipsAPositionalSlot() throws ArgsException {
        Args args = new Args("q", ", 7");
        Arg first = args.positional("A");
        assertFalse(first.present());
        assertEquals(3, first.integer(3));
        assertEquals(7, args.positional("B").integer(0));
        args.complete();
    }

    @Test
    void keywordOnlyDoesNotTakePositionals() {
        Args args = new Args("q", "5");
        assertFalse(args.keyword("LIMIT").present());
        assertEquals(List.of("too many arguments"), errors(args));
    }

    @Test
    void absentArgumentReturnsDefaultsWithoutErrors() throws ArgsException {
        Args args = new Args("q", "");
        Arg a = args.keyword("X");
        assertFalse(a.present());
        assertNull(a.raw());
        assertEquals("X", a.name());
        assertEquals(7, a.integer(7));
        assertEquals("d", a.string("d"));
        assertEquals(List.of(), a.words());
        args.complete();
    }

    @Test
    void rawKeepsQuotesAndDropsTheKeyword() {
        Args args = new Args("q", "LABEL   \"a b\"  ");
        Arg label = args.keyword("LABEL");
        assertEquals("\"a b\"", label.raw());
        assertEquals("a b", label.string(null));
    }

    @Test
    void mandatoryPositionalMissing() {
        Args args = new Args("q", "");
        Arg a = args.mandatoryPositional("CAPACITY");
        assertFalse(a.present());
        assertEquals(1000, a.integer(1000));
        assertEquals(List.of("missing mandatory CAPACITY argument"), errors(args));
    }

    @Test
    void mandatoryPositionalGivenAsEmptyPlaceholderIsMissing() {
        Args args = new Args("q", ", 2");
        args.mandatoryPositional("A");
        args.positional("B");
        assertEquals(List.of("missing mandatory A argument"), errors(args));
    }

    @Test
    void mandatoryPositionalTakesAKeywordLookingArgumentWhenNothingElseIsLeft() throws ArgsException {
        // Click's rule, so that Print(RX) and Print(HELLO WORLD) give labels.
        Args args = new Args("p", "RX");
        assertEquals("RX", args.mandatoryPositional("LABEL").string(""));
        args.complete();

        Args two = new Args("p", "HELLO WORLD, MAXLENGTH 10");
        assertEquals("HELLO WORLD", two.mandatoryPositional("LABEL").string(""));
        assertEquals(10, two.keyword("MAXLENGTH").integer(0));
        two.complete();
    }

    @Test
    void argumentTakenWholeByMandatoryPositionalIsNotAlsoAKeyword() {
        Args args = new Args("q", "ACTIVE false");
        assertEquals(0, args.mandatoryPositional("CAPACITY").integer(0));
        assertFalse(args.keyword("ACTIVE").present());
        assertEquals(List.of("CAPACITY: expected integer, got 'ACTIVE false'"), errors(args));
    }

    @Test
    void mandatoryKeywordMissingAndPresent() throws ArgsException {
        Args missing = new Args("q", "5");
        missing.mandatoryKeyword("SIZE");
        assertEquals(List.of("missing mandatory SIZE argument", "too many arguments"), errors(missing));

        Args present = new Args("q", "SIZE 5");
        assertEquals(5, present.mandatoryKeyword("SIZE").integer(0));
        present.complete();
    }

    @Test
    void repeatedKeywordWithAll() throws ArgsException {
        Args args = new Args("r", "ROUTE 10.0.0.0/8 1, ROUTE 0.0.0.0/0 2, VERBOSE");
        List<Arg> routes = args.all("ROUTE");
        assertEquals(2, routes.size());
        assertEquals(List.of("10.0.0.0/8", "1"), routes.get(0).words());
        assertEquals(List.of("0.0.0.0/0", "2"), routes.get(1).words());
        assertTrue(args.keyword("VERBOSE").bool(false));
        args.complete();
        assertEquals(List.of(), new Args("r", "").all("ROUTE"));
    }

    @Test
    void duplicatedKeywordIsAnError() {
        Args args = new Args("q", "LIMIT 1, LIMIT 2");
        assertEquals(2, args.keyword("LIMIT").integer(0));
        assertEquals(List.of("LIMIT: given 2 times, expected once"), errors(args));
    }

    @Test
    void unknownKeywordWithSuggestion() {
        Args args = new Args("d", "ACTVE false");
        args.keyword("ACTIVE").bool(true);
        args.keyword("LIMIT").integer(0);
        assertEquals(List.of("unknown keyword 'ACTVE' (did you mean ACTIVE?)"), errors(args));
    }

    @Test
    void unknownKeywordSuggestionCoversTranspositionsAndPositionalNames() {
        Args args = new Args("q", "BURTS 4, CAPACTIY 9");
        args.positional("CAPACITY");
        args.keyword("BURST");
        assertEquals(List.of("unknown keyword 'BURTS' (did you mean BURST?)",
                "unknown keyword 'CAPACTIY' (did you mean CAPACITY?)"), errors(args));
    }

    @Test
    void unknownKeywordWithoutSuggestion() {
        Args args = new Args("q", "COLOR 3");
        args.keyword("LIMIT");
        assertEquals(List.of("unknown keyword 'COLOR'"), errors(args));
    }

    @Test
    void bareUppercasePositionalValueReadsAsKeyword() {
        // Documented trade-off for bare boolean flags: quote or lowercase an uppercase positional value.
        Args args = new Args("t", "f.pcap, ETHER");
        args.positional("FILE");
        args.positional("ENCAP");
        assertEquals(List.of("unknown keyword 'ETHER'"), errors(args));
    }

    @Test
    void tooManyArgumentsReportedOnce() {
        Args args = new Args("q", "1, 2, 3, 4");
        args.positional("A");
        assertEquals(List.of("too many arguments"), errors(args));
    }

    @Test
    void trailingEmptyPlaceholdersAreNotTooMany() throws ArgsException {
        Args args = new Args("q", "1, ,");
        args.positional("A");
        args.complete();
    }

    @Test
    void lowercaseKeywordIsAPlainArgument() {
        Args args = new Args("q", "limit 5");
        assertFalse(args.keyword("LIMIT").present());
        assertEquals(List.of("too many arguments"), errors(args));
    }

    @Test
    void keywordRequiresWhitespaceAfterTheWord() {
        Args args = new Args("q", "LIMIT:5, A_1 x, 9LIVES 3");
        assertEquals("LIMIT:5", args.positional("X").raw());
        assertEquals("x", args.keyword("A_1").raw());
        assertEquals("9LIVES 3", args.positional("Y").raw());
        assertDoesNotThrow(args::complete);
    }

    @Test
    void allErrorsAreCollectedInOrder() {
        Args args = new Args("q", "x, BURST 0, MODE medium, LMIT 3, 4");
        assertEquals(1, args.positional("A").integer(1));
        assertEquals(32, args.keyword("BURST").integer(32, 1, 1024));
        args.keyword("MODE").choice(ArgTypesTest.Mode.class, ArgTypesTest.Mode.FAST);
        args.keyword("LIMIT");
        args.error("custom check failed");
        ArgsException e = assertThrows(ArgsException.class, args::complete);
        List<String> expected = List.of(
                "A: expected integer, got 'x'",
                "BURST: must be between 1 and 1024, got 0",
                "MODE: expected one of FAST, SLOW, ROUND_ROBIN, got 'medium'",
                "custom check failed",
                "unknown keyword 'LMIT' (did you mean LIMIT?)",
                "too many arguments");
        assertEquals(expected, e.errors());
        assertEquals(String.join("; ", expected), e.getMessage());
        assertEquals("q", e.elementName());
    }

    @Test
    void sameBadValueReadTwiceIsReportedOnce() {
        Args args = new Args("q", "LIMIT x");
        Arg limit = args.keyword("LIMIT");
        limit.integer(0);
        limit.integer(0);
        assertEquals(List.of("LIMIT: expected integer, got 'x'"), errors(args));
    }

    @Test
    void completeCanBeCalledRepeatedly() throws ArgsException {
        Args ok = new Args("q", "1");
        ok.positional("A");
        ok.complete();
        ok.complete();

        Args bad = new Args("q", "1, 2");
        bad.positional("A");
        assertEquals(errors(bad), errors(bad));
    }

    @Test
    void remainingPositionalTakesPlainArgumentsInOrder() throws ArgsException {
        Args args = new Args("c", "12/0800, MAX 3, 12/0806, , -");
        assertEquals(3, args.keyword("MAX").integer(0));
        List<Arg> patterns = args.remainingPositional();
        assertEquals(List.of("12/0800", "12/0806", "-"),
                patterns.stream().filter(Arg::present).map(Arg::raw).toList());
        assertEquals(4, patterns.size());
        assertFalse(patterns.get(2).present());
        assertEquals("argument 3", patterns.get(1).name());
        args.complete();
    }

    @Test
    void remainingPositionalErrorsNameTheArgumentNumber() {
        Args args = new Args("c", "1, x");
        for (Arg a : args.remainingPositional()) {
            a.integer(0);
        }
        assertEquals(List.of("argument 2: expected integer, got 'x'"), errors(args));
    }

    @Test
    void bareKeywordIsTrueForBoolButMissingValueOtherwise() {
        Args args = new Args("q", "VERBOSE, LIMIT");
        assertTrue(args.keyword("VERBOSE").bool(false));
        assertEquals("", args.keyword("VERBOSE").raw());
        assertEquals(9, args.keyword("LIMIT").integer(9));
        assertEquals(List.of("LIMIT: missing value"), errors(args));
    }

    @Test
    void bareKeywordMatchesPositionalName() throws ArgsException {
        Args args = new Args("q", "ACTIVE");
        assertTrue(args.positional("ACTIVE").bool(false));
        args.complete();
    }

    @Test
    void elementNameIsKept() {
        assertEquals("router/q@3", new Args("router/q@3", "").elementName());
    }

    @Test
    void exceptionNeedsErrorsAndCopiesThem() {
        assertThrows(IllegalArgumentException.class, () -> new ArgsException("q", List.of()));
        ArgsException e = new ArgsException("q", List.of("a", "b"));
        assertEquals("a; b", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> e.errors().add("c"));
    }
}
