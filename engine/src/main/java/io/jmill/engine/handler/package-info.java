/**
 * Read and write handlers: the named values and actions every element (and the router) exposes
 * to the command line ({@code jmill run -h counter.count}), to {@code DriverManager}/{@code Script}
 * configurations and over JMX.
 */
package io.jmill.engine.handler;
