package io.jmill.engine.lang;

import java.util.List;
import java.util.Objects;

/**
 * One comma-separated item of a {@code require(...)} statement: its first word is the kind, the
 * remaining words (quotes removed) follow. {@code require(package "fastclick")} gives
 * {@code Requirement("package", ["fastclick"])}; the old single-word form {@code require(fastclassifier)}
 * gives {@code Requirement("fastclassifier", [])}.
 *
 * <p>{@code require(library FILE)} is handled by the parser itself and does not appear here; every
 * other kind is passed on for the router to accept or reject.
 */
public record Requirement(String kind, List<String> words, Location location) {

    public Requirement {
        Objects.requireNonNull(kind, "kind");
        words = List.copyOf(words);
        Objects.requireNonNull(location, "location");
    }
}
