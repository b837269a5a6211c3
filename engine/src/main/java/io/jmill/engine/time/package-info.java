/**
 * Time as the data path sees it when it is not the system's: {@link io.jmill.engine.time.SimulatedTime},
 * Click's simulated clock ({@code --simtime}), which the worker clock reads instead of the system
 * clock when it is on.
 */
package io.jmill.engine.time;
