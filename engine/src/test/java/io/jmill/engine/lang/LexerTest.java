package io.jmill.engine.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jmill.engine.lang.Token.Kind;

class LexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Token> lex(String text) {
        return Lexer.tokenize(SourceText.of("l.click", text), diagnostics);
    }

    /** Tokens as "KIND:text@line:col". */
    private List<String> render(String text) {
        return lex(text).stream()
                .map(t -> t.kind() + ":" + t.text() + "@" + t.location().line() + ":" + t.location().column())
                .toList();
    }

    private List<String> errors() {
        return diagnostics.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void punctuationKeywordsAndWords() {
        assertEquals(List.of(
                        "WORD:a@1:1", "LBRACKET:[@1:2", "WORD:1@1:3", "RBRACKET:]@1:4", "ARROW:->@1:5",
                        "WORD:b/c@1:7", "DOUBLE_COLON:::@1:11", "WORD:Counter@3@1:14", "SEMICOLON:;@1:23",
                        "ELEMENTCLASS:elementclass@2:1", "LBRACE:{@2:14", "VARIABLE:$x@2:15", "COMMA:,@2:17",
                        "BAR:|@2:19", "RBRACE:}@2:21", "REQUIRE:require@3:1", "DEFINE:define@3:9",
                        "RPAREN:)@3:15", "EOF:@3:16"),
                render("a[1]->b/c :: Counter@3;\nelementclass {$x, | }\nrequire define)"));
        assertEquals(List.of(), errors());
    }

    @Test
    void commentsAndHashLinesAreSkipped() {
        assertEquals(List.of("WORD:a@2:3", "WORD:an/id@4:1", "WORD:b@6:3", "EOF:@7:1"),
                render("// line comment\n  a /* block\n comment */\nan/id//comment\n  # directive\n  b\n"));
        assertEquals(List.of(), errors());
    }

    @Test
    void hashInsideALineIsAnError() {
        assertEquals(List.of("WORD:a@1:1", "WORD:b@1:5", "EOF:@1:6"), render("a # b"));
        assertEquals(List.of("l.click:1:3: unexpected character '#'"), errors());
    }

    @Test
    void argumentListIsOneTokenWithBalancedParensQuotesAndComments() {
        List<Token> tokens = lex("C(a (b) \")\" ')' \\) // )\n /* ) */ x) ;");
        assertEquals(Kind.CONFIG, tokens.get(1).kind());
        assertEquals("a (b) \")\" ')' \\) // )\n /* ) */ x", tokens.get(1).text());
        assertEquals(new Location("l.click", 1, 2), tokens.get(1).location());
        assertEquals(Kind.SEMICOLON, tokens.get(2).kind());
        assertEquals(List.of(), errors());
    }

    @Test
    void lexicalErrorsAreReportedAndSkipped() {
        assertEquals(List.of("WORD:a@1:1", "WORD:b@1:5", "WORD:c@2:3", "CONFIG: x@2:4", "EOF:@2:7"),
                render("a - b\n: c( x"));
        assertEquals(List.of(
                "l.click:1:3: unexpected character '-' (did you mean '->'?)",
                "l.click:2:1: unexpected character ':' (did you mean '::'?)",
                "l.click:2:4: unterminated argument list: missing ')'"), errors());
    }

    @Test
    void unterminatedCommentIsReported() {
        assertEquals(List.of("WORD:a@1:1", "EOF:@2:4"), render("a /* no end\nxyz"));
        assertEquals(List.of("l.click:1:3: unterminated comment: missing '*/'"), errors());
    }
}
