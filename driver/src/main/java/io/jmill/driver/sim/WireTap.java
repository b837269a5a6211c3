package io.jmill.driver.sim;

/**
 * Sees every frame the simulated NIC puts on the wire, at the moment the NIC reads it from the
 * transmit descriptor: tests capture transmitted bytes with it. Runs on the transmitting thread;
 * the frame is {@code length} bytes at {@code address} in {@code PacketMemory.MEMORY} and is
 * valid only during the call.
 */
@FunctionalInterface
public interface WireTap {
    void transmitted(int queue, long address, int length);
}
