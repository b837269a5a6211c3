/**
 * Elements that control a running configuration rather than move packets: {@code Script}, Click's
 * small scripting language (wait, print handler values, write handlers, loop, stop),
 * {@code DriverManager}, the script that decides when the router stops, and
 * {@code StaticThreadSched}, which binds tasks to worker threads.
 */
package io.jmill.elements.control;
