/**
 * Linux tun and tap interfaces through {@code /dev/net/tun} (Panama FFM): the kernel's side of
 * KernelTun and KernelTap.
 */
package io.jmill.driver.tun;
