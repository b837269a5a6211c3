/**
 * The Click configuration language: lexer, parser and compound-element flattener.
 *
 * <p>Use {@link io.jmill.engine.lang.ClickParser}; it returns a
 * {@link io.jmill.engine.lang.FlatConfig} (elements, connections, requirements) or throws a
 * {@link io.jmill.engine.lang.ConfigException} listing every error with its {@code file:line:col}.
 *
 * <p>Pipeline: {@code Lexer} (tokens; argument lists are single tokens) → {@code Parser} (syntax
 * tree, redeclarations, requirements, libraries) → {@code Flattener} (elements, anonymous names,
 * compound expansion, variable substitution) → {@code TunnelResolver} (splices compound ports away).
 */
package io.jmill.engine.lang;
