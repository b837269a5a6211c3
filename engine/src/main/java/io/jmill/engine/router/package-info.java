/**
 * Building and running a router: {@link io.jmill.engine.router.RouterBuilder} turns a flattened
 * configuration into checked, wired, initialized elements; {@link io.jmill.engine.router.Router}
 * runs them on worker threads and exposes their handlers.
 */
package io.jmill.engine.router;
