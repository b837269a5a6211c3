/**
 * Click-style element configuration arguments: splitting, keyword matching and typed, checked values.
 *
 * <p>An element parses its configuration text once, in its constructor, through {@link io.jmill.engine.args.Args}.
 * Every malformed value, missing mandatory argument, unknown keyword and surplus argument is collected, and
 * {@link io.jmill.engine.args.Args#complete()} reports them all together in one
 * {@link io.jmill.engine.args.ArgsException}, so a user fixes a configuration in one pass rather than one error
 * at a time. The syntax follows Click's {@code Args}/{@code confparse}; see {@link io.jmill.engine.args.Args}
 * and {@link io.jmill.engine.args.Arg} for the exact rules and for where JMill deliberately differs.
 */
package io.jmill.engine.args;
