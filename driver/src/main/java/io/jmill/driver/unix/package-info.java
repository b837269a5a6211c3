/**
 * UNIX-domain sockets the JDK's channels do not offer ({@link io.jmill.driver.unix.UnixDatagramSocket},
 * {@code SOCK_DGRAM}), through Panama FFM.
 */
package io.jmill.driver.unix;
