package io.jmill.driver.afxdp;

/** Opens an AF_XDP device on the interface named by its argument, says so, and waits to be killed. */
public final class XdpHolder {
    private XdpHolder() {
    }

    public static void main(String[] args) throws Exception {
        AfXdpDevice d = AfXdpDevice.open(AfXdpOptions.builder(args[0]).transmit(false).build());
        System.out.println("attached " + d.programId());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
