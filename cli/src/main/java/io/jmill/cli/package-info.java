/**
 * The {@code jmill} command: {@code run}, {@code check}, {@code explain}, {@code elements}.
 * {@link io.jmill.cli.Main} dispatches; each command is its own class.
 */
package io.jmill.cli;
