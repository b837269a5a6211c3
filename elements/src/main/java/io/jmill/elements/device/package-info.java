/**
 * Device elements: {@link io.jmill.elements.device.FromNIC} / {@link io.jmill.elements.device.ToNIC}
 * on JMill's simulated NIC (the embedded traffic source, with the three metadata models), and
 * {@link io.jmill.elements.device.FromDevice} / {@link io.jmill.elements.device.ToDevice} on real
 * Linux interfaces through AF_PACKET. Elements naming the same device in one router share it.
 */
package io.jmill.elements.device;
