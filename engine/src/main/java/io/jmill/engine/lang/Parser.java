package io.jmill.engine.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jmill.engine.lang.Ast.Anonymous;
import io.jmill.engine.lang.Ast.Body;
import io.jmill.engine.lang.Ast.Chain;
import io.jmill.engine.lang.Ast.ClassDefinition;
import io.jmill.engine.lang.Ast.ClassRef;
import io.jmill.engine.lang.Ast.Declaration;
import io.jmill.engine.lang.Ast.Define;
import io.jmill.engine.lang.Ast.Definition;
import io.jmill.engine.lang.Ast.ElementRef;
import io.jmill.engine.lang.Ast.Formal;
import io.jmill.engine.lang.Ast.FormalKind;
import io.jmill.engine.lang.Ast.InlineCompound;
import io.jmill.engine.lang.Ast.InlineDeclaration;
import io.jmill.engine.lang.Ast.Item;
import io.jmill.engine.lang.Ast.Name;
import io.jmill.engine.lang.Ast.NamedClass;
import io.jmill.engine.lang.Ast.Ports;
import io.jmill.engine.lang.Ast.Reference;
import io.jmill.engine.lang.Token.Kind;

/**
 * Recursive-descent parser from tokens to {@link Ast}. It reports syntax errors with the exact
 * token position and what was expected, then skips to the next statement boundary (a {@code ;}, a
 * {@code }} or a statement-starting token at the beginning of a line) and carries on, so that one
 * run reports every error.
 *
 * <p>Besides syntax, the parser handles what is known statically: redeclared element names, the
 * {@code require(...)} list, and {@code require(library FILE)}, whose statements are spliced into the
 * requiring body (each library file is loaded once).
 */
final class Parser {

    /** The parsed file: its top-level body and the requirements found anywhere in it. */
    record Program(Body body, List<Requirement> requirements) {
    }

    /** Unwinds to the statement loop; the error is reported there. */
    private static final class SyntaxError extends RuntimeException {
        final transient Token token;

        SyntaxError(Token token, String message) {
            super(message, null, false, false);
            this.token = token;
        }
    }

    /** A statement list under construction. */
    private static final class BodyBuilder {
        final boolean compound;
        final List<Ast.Statement> statements = new ArrayList<>();
        final Map<String, Location> declared = new LinkedHashMap<>();

        BodyBuilder(boolean compound) {
            this.compound = compound;
        }

        Body build(List<Formal> formals, Location location) {
            return new Body(List.copyOf(formals), List.copyOf(statements), Set.copyOf(declared.keySet()), location);
        }
    }

    private final Diagnostics diagnostics;
    private final Set<Path> loadedFiles = new HashSet<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private SourceText source;
    private List<Token> tokens;
    private int pos;

    private Parser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static Program parse(SourceText source, Diagnostics diagnostics) {
        Parser parser = new Parser(diagnostics);
        Path self = fileKey(source.file());
        if (self != null) {
            parser.loadedFiles.add(self);
        }
        BodyBuilder top = new BodyBuilder(false);
        parser.parseSource(source, top);
        return new Program(top.build(List.of(), source.location(0)), List.copyOf(parser.requirements));
    }

    /** Parses a whole file into {@code body}; used for the main file and for libraries. */
    private void parseSource(SourceText text, BodyBuilder body) {
        SourceText savedSource = source;
        List<Token> savedTokens = tokens;
        int savedPos = pos;
        source = text;
        tokens = Lexer.tokenize(text, diagnostics);
        pos = 0;
        try {
            statements(body, false);
        } finally {
            source = savedSource;
            tokens = savedTokens;
            pos = savedPos;
        }
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    private boolean at(Kind kind) {
        return peek().is(kind);
    }

    private static SyntaxError expected(String what, Token got) {
        return new SyntaxError(got, "expected " + what + ", got " + got.describe());
    }

    private static boolean allDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isName(Token t) {
        return t.is(Kind.WORD) && !allDigits(t.text());
    }

    // ---------------------------------------------------------------- statements

    /** Statements until end of file, or until a {@code '}'} when {@code insideBraces}. */
    private void statements(BodyBuilder body, boolean insideBraces) {
        while (true) {
            Token t = peek();
            if (t.is(Kind.EOF)) {
                return;
            }
            if (t.is(Kind.RBRACE)) {
                if (insideBraces) {
                    return;
                }
                diagnostics.error(t.location(), null, "unexpected '}'");
                next();
                continue;
            }
            int start = pos;
            try {
                statement(body);
            } catch (SyntaxError e) {
                diagnostics.error(e.token.location(), null, e.getMessage());
                recover(start);
            }
        }
    }

    /**
     * Skips the rest of a broken statement: up to and including a {@code ';'}, up to the {@code '}'}
     * closing the enclosing body, or up to a token that can start a statement and begins a line.
     * Braces opened inside the skipped text are skipped as a whole.
     */
    private void recover(int statementStart) {
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.is(Kind.EOF) || (t.is(Kind.RBRACE) && depth == 0)) {
                return;
            }
            if (depth == 0) {
                if (t.is(Kind.SEMICOLON)) {
                    next();
                    return;
                }
                if (pos > statementStart && startsStatement(t) && t.line() > tokens.get(pos - 1).line()) {
                    return;
                }
            }
            if (t.is(Kind.LBRACE)) {
                depth++;
            } else if (t.is(Kind.RBRACE)) {
                depth--;
            }
            next();
        }
    }

    private static boolean startsStatement(Token t) {
        return switch (t.kind()) {
            case WORD, LBRACE, LBRACKET, ELEMENTCLASS, REQUIRE, DEFINE -> true;
            default -> false;
        };
    }

    /** Tokens that end a connection chain without being part of it. */
    private static boolean endsChain(Token t) {
        return switch (t.kind()) {
            case SEMICOLON, EOF, RBRACE, WORD, LBRACE, ELEMENTCLASS, REQUIRE, DEFINE -> true;
            default -> false;
        };
    }

    private void statement(BodyBuilder body) {
        Token t = peek();
        switch (t.kind()) {
            case SEMICOLON -> next();
            case ELEMENTCLASS -> elementClass(body);
            case REQUIRE -> require(body);
            case DEFINE -> define(body);
            case WORD, LBRACE, LBRACKET -> {
                if (t.text().equals("connectiontunnel")) {
                    throw new SyntaxError(t, "'connectiontunnel' is not supported");
                }
                declarationOrChain(body);
            }
            default -> throw new SyntaxError(t, "unexpected " + t.describe());
        }
    }

    private void declarationOrChain(BodyBuilder body) {
        List<Name> declaredHere = new ArrayList<>();
        body.statements.add(chainOrDeclaration(declaredHere));
        // names are registered only once the statement parsed: a broken one declares nothing
        for (Name name : declaredHere) {
            declare(body, name);
        }
    }

    private void declare(BodyBuilder body, Name name) {
        if (body.compound && (name.text().equals("input") || name.text().equals("output"))) {
            diagnostics.error(name.location(), null,
                    "'" + name.text() + "' is reserved for the compound's ports and cannot be declared");
            return;
        }
        Location previous = body.declared.putIfAbsent(name.text(), name.location());
        if (previous != null) {
            diagnostics.error(name.location(), null,
                    "redeclaration of element '" + name.text() + "' (first declared at " + previous + ")");
        }
    }

    /**
     * A connection chain, or {@code a, b, c :: Class(config)}: a list of names whose last one is
     * declared, with no ports and no arrow, declares them all (as in Click; in a connection,
     * {@code a, b :: C -> d}, the declaration is b's alone).
     */
    private Ast.Statement chainOrDeclaration(List<Name> declaredHere) {
        Chain chain = chain(declaredHere);
        List<Item> only = chain.sides().getFirst();
        if (!chain.connectors().isEmpty() || only.size() < 2
                || only.stream().anyMatch(i -> i.inputPorts().written() || i.outputPorts().written())) {
            return chain;
        }
        List<Name> names = new ArrayList<>();
        for (Item item : only.subList(0, only.size() - 1)) {
            if (!(item.element() instanceof Reference(Name name))) {
                return chain;
            }
            names.add(name);
        }
        if (only.getLast().element() instanceof InlineDeclaration last) {
            names.add(last.name());
            declaredHere.clear();
            declaredHere.addAll(names);
            return new Declaration(List.copyOf(names), last.elementClass(), last.config());
        }
        if (only.getLast().element() instanceof Reference) {
            throw expected("',' or '::' after element name", peek());
        }
        return chain;
    }

    /** {@code [p] e [p], ... -> [p] e [p], ... => ...}; see {@link Chain}. */
    private Chain chain(List<Name> declaredHere) {
        List<List<Item>> sides = new ArrayList<>();
        List<Ast.Connector> connectors = new ArrayList<>();
        Token first = peek();
        sides.add(side(declaredHere));
        if (sides.getFirst().stream().anyMatch(i -> i.inputPorts().written())) {
            diagnostics.error(first.location(), null, "input ports ignored at start of chain");
        }
        while (true) {
            Token t = peek();
            if (t.is(Kind.ARROW) || t.is(Kind.PARALLEL_ARROW)) {
                next();
                connectors.add(new Ast.Connector(t.location(), t.is(Kind.PARALLEL_ARROW)));
                sides.add(side(declaredHere));
            } else if (sides.getLast().getLast().outputPorts().written()) {
                throw expected("'->' after output port", t);
            } else if (endsChain(t)) {
                return new Chain(List.copyOf(sides), List.copyOf(connectors));
            } else {
                throw expected("'->' or ';'", t);
            }
        }
    }

    /** One step of a chain: elements separated by commas, each with its ports. */
    private List<Item> side(List<Name> declaredHere) {
        List<Item> items = new ArrayList<>();
        while (true) {
            Ports inputPorts = optionalPorts();
            ElementRef element = chainElement(declaredHere);
            Ports outputPorts = optionalPorts();
            items.add(new Item(inputPorts, element, outputPorts));
            if (!at(Kind.COMMA)) {
                return List.copyOf(items);
            }
            next();
        }
    }

    /**
     * Nothing ({@link Ports#NONE}), or {@code [...]}: port numbers separated by commas, ranges
     * {@code N-M}, an open end {@code N-} last, or nothing ({@code []}: open from port 0).
     */
    private Ports optionalPorts() {
        if (!at(Kind.LBRACKET)) {
            return Ports.NONE;
        }
        next();
        List<Integer> ports = new ArrayList<>();
        if (at(Kind.RBRACKET)) {
            next();
            return new Ports(new int[] {0}, true);
        }
        while (true) {
            int port = portNumber();
            boolean open = false;
            if (at(Kind.DASH)) {
                next();
                if (at(Kind.RBRACKET)) {
                    open = true;
                } else {
                    Token endToken = peek();
                    int end = portNumber();
                    if (end < port) {
                        throw new SyntaxError(endToken, "port range " + port + "-" + end + " is empty");
                    }
                    for (int p = port; p < end; p++) {
                        ports.add(p);
                    }
                    port = end;
                }
            }
            ports.add(port);
            if (!open && at(Kind.COMMA)) {
                next();
                continue;
            }
            if (!at(Kind.RBRACKET)) {
                throw expected("']'", peek());
            }
            next();
            return new Ports(ports.stream().mapToInt(Integer::intValue).toArray(), open);
        }
    }

    private int portNumber() {
        Token number = peek();
        if (!number.is(Kind.WORD) || !allDigits(number.text())) {
            throw expected("port number", number);
        }
        next();
        try {
            return Integer.parseInt(number.text());
        } catch (NumberFormatException e) {
            throw new SyntaxError(number, "port number " + number.text() + " is too large");
        }
    }

    private ElementRef chainElement(List<Name> declaredHere) {
        Token t = peek();
        if (isName(t)) {
            next();
            Name name = new Name(t.text(), t.location());
            if (at(Kind.DOUBLE_COLON)) {
                next();
                ClassRef elementClass = classRef();
                Fragment config = optionalConfig();
                declaredHere.add(name);
                return new InlineDeclaration(name, elementClass, config);
            }
            if (at(Kind.CONFIG)) {
                return new Anonymous(new NamedClass(t.text(), t.location()), optionalConfig(), t.location());
            }
            return new Reference(name);
        }
        if (t.is(Kind.LBRACE)) {
            Body body = compoundBody();
            return new Anonymous(new InlineCompound(body), optionalConfig(), t.location());
        }
        throw expected("element or element class", t);
    }

    private ClassRef classRef() {
        Token t = peek();
        if (isName(t)) {
            next();
            return new NamedClass(t.text(), t.location());
        }
        if (t.is(Kind.LBRACE)) {
            return new InlineCompound(compoundBody());
        }
        throw expected("element class after '::'", t);
    }

    private Fragment optionalConfig() {
        if (!at(Kind.CONFIG)) {
            return null;
        }
        Token t = next();
        return ConfigText.uncomment(source, t.start(), t.end());
    }

    // ---------------------------------------------------------------- compounds

    /** {@code { [formals |] statements }}, starting at the {@code '{'}. */
    private Body compoundBody() {
        Token open = next();
        BodyBuilder body = new BodyBuilder(true);
        List<Formal> formals = formalsOrSkip();
        statements(body, true);
        if (at(Kind.RBRACE)) {
            next();
        } else {
            diagnostics.error(open.location(), null, "unterminated compound element: missing '}'");
        }
        return body.build(formals, open.location());
    }

    /**
     * Formals, reporting a malformed list here so that the body itself still gets parsed; the
     * parameters read before the error are kept, so that instances do not get spurious argument-count
     * errors.
     */
    private List<Formal> formalsOrSkip() {
        boolean hasFormals = at(Kind.VARIABLE) || at(Kind.BAR)
                || (at(Kind.WORD) && peek(1).is(Kind.VARIABLE));
        List<Formal> formals = new ArrayList<>();
        if (!hasFormals) {
            return formals;
        }
        try {
            formals(formals);
            return formals;
        } catch (SyntaxError e) {
            diagnostics.error(e.token.location(), null, e.getMessage());
            while (!at(Kind.EOF) && !at(Kind.RBRACE) && !at(Kind.BAR)
                    && !(startsStatement(peek()) && peek().line() > tokens.get(pos - 1).line())) {
                next();
            }
            if (at(Kind.BAR)) {
                next();
            }
            return formals;
        }
    }

    private void formals(List<Formal> formals) {
        Set<String> seen = new HashSet<>();
        if (at(Kind.BAR)) {
            next();
            return;
        }
        while (true) {
            String keyword = at(Kind.WORD) ? next().text() : null;
            Token variable = peek();
            if (!variable.is(Kind.VARIABLE)) {
                throw expected("parameter like '$name'", variable);
            }
            next();
            String name = variable.text().substring(1);
            FormalKind kind = keyword == null ? FormalKind.POSITIONAL
                    : keyword.equals("__REST__") ? FormalKind.REST : FormalKind.KEYWORD;
            if (!seen.add(name)) {
                diagnostics.error(variable.location(), null, "duplicate parameter $" + name);
            } else if (kind == FormalKind.REST && formals.stream().anyMatch(f -> f.kind() == FormalKind.REST)) {
                diagnostics.error(variable.location(), null, "only one __REST__ parameter is allowed");
            } else {
                formals.add(new Formal(kind, keyword, name, variable.location()));
            }
            Token separator = peek();
            if (separator.is(Kind.COMMA)) {
                next();
            } else if (separator.is(Kind.BAR)) {
                next();
                return;
            } else {
                throw expected("',' or '|' after parameter", separator);
            }
        }
    }

    /** {@code elementclass Name { ... }} or {@code elementclass New Old}. */
    private void elementClass(BodyBuilder body) {
        next();
        Token nameToken = peek();
        if (!isName(nameToken)) {
            throw expected("element class name after 'elementclass'", nameToken);
        }
        next();
        Name name = new Name(nameToken.text(), nameToken.location());
        Token t = peek();
        if (t.is(Kind.LBRACE)) {
            body.statements.add(new ClassDefinition(name, new InlineCompound(compoundBody())));
        } else if (isName(t)) {
            next();
            body.statements.add(new ClassDefinition(name, new NamedClass(t.text(), t.location())));
        } else {
            throw expected("'{' or element class name after 'elementclass " + name.text() + "'", t);
        }
    }

    // ---------------------------------------------------------------- require, define

    private Fragment requiredConfig(String keyword) {
        Token t = peek();
        if (!t.is(Kind.CONFIG)) {
            throw expected("'(' after '" + keyword + "'", t);
        }
        return optionalConfig();
    }

    private void require(BodyBuilder body) {
        next();
        Fragment config = requiredConfig("require");
        for (Fragment argument : ArgSplitter.split(config)) {
            List<Fragment> words = ArgSplitter.words(argument);
            if (words.isEmpty()) {
                continue;
            }
            String kind = ArgSplitter.unquote(words.getFirst().value());
            List<String> rest = words.subList(1, words.size()).stream()
                    .map(w -> ArgSplitter.unquote(w.value())).toList();
            if (kind.equals("library")) {
                if (rest.size() != 1) {
                    diagnostics.error(argument.location(0), null, "'require(library FILE)' takes exactly one file name");
                } else {
                    library(rest.getFirst(), words.get(1).location(0), body);
                }
            } else {
                requirements.add(new Requirement(kind, rest, argument.location(0)));
            }
        }
    }

    /** Loads a library file relative to the requiring file and splices its statements into {@code body}. */
    private void library(String fileName, Location location, BodyBuilder body) {
        Path path;
        try {
            path = directoryOf(source.file()).resolve(fileName).normalize();
        } catch (InvalidPathException e) {
            diagnostics.error(location, null, "bad library file name '" + fileName + "'");
            return;
        }
        Path key = path.toAbsolutePath().normalize();
        if (loadedFiles.contains(key)) {
            return; // already loaded (diamond or circular requires)
        }
        if (!Files.isRegularFile(path)) {
            diagnostics.error(location, null, "library file '" + fileName + "' not found");
            return;
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            diagnostics.error(location, null, "cannot read library file '" + fileName + "': " + e.getMessage());
            return;
        }
        loadedFiles.add(key);
        parseSource(SourceText.of(path.toString(), text), body);
    }

    private static Path directoryOf(String file) {
        Path parent = Path.of(file).getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static Path fileKey(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** {@code define($NAME value, ...)}. */
    private void define(BodyBuilder body) {
        next();
        Fragment config = requiredConfig("define");
        List<Definition> definitions = new ArrayList<>();
        for (Fragment argument : ArgSplitter.split(config)) {
            String text = argument.value();
            int end = 1;
            while (end < text.length() && ConfigText.isVariableChar(text.charAt(end))) {
                end++;
            }
            boolean wellFormed = text.startsWith("$") && end > 1
                    && (end == text.length() || Character.isWhitespace(text.charAt(end)));
            if (!wellFormed) {
                diagnostics.error(argument.location(0), null, "expected '$NAME value' in define, got '" + text + "'");
                continue;
            }
            definitions.add(new Definition(text.substring(1, end), argument.sub(end).trim(), argument.location(0)));
        }
        body.statements.add(new Define(List.copyOf(definitions)));
    }
}
