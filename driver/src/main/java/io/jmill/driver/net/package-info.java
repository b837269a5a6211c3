/**
 * Protocol helpers shared by drivers, elements and tests: Internet checksums
 * ({@link io.jmill.driver.net.Checksum}), address text ({@link io.jmill.driver.net.Addresses})
 * and well-formed frames built from a few fields ({@link io.jmill.driver.net.FrameBuilder}).
 */
package io.jmill.driver.net;
