package io.jmill.driver.afxdp;

import io.jmill.driver.Xchange;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;

import static io.jmill.driver.afxdp.BpfAssembler.*;

/**
 * Generates the XDP program of an {@link AfXdpDevice}: redirect every frame of a queue that has a
 * socket in the XSKMAP to that socket (frames of other queues go on to the kernel's stack), and,
 * for X-Change, first write the application's metadata in front of the frame.
 *
 * <p>X-Change: the program grows the frame's metadata area ({@code bpf_xdp_adjust_meta}) by
 * {@link #META_SIZE} bytes. The kernel hands that area to the socket together with the frame,
 * right in front of it; the driver posts each buffer so that the frame lands at
 * {@link #XCHANGE_DATA_OFFSET} in the packet's buffer, which puts the area exactly over the packet
 * slot's metadata ({@code PacketPool.METADATA_SIZE} bytes) and the first bytes of its headroom.
 * The program zeroes the area, then stores each field the application reads ({@link Xchange} field
 * mask) at its offset in the given layout, with the encodings of the {@code Packet} setters: data
 * offset, length, MAC header, packet type, input device and queue, timestamp (CLOCK_REALTIME,
 * from the monotonic clock plus an offset fixed at generation), and from parsing the headers the
 * VLAN TCI, network and transport header positions and the flow hash ({@link FrameHeaders} is the
 * same computation in Java), and optionally the queue as paint. Last it stores a {@link #tag()}
 * in the first word of the headroom: a frame whose tag is not the current program's (written by
 * an earlier program, for another layout or field set, or one the program could not stamp) gets
 * its metadata from the worker instead.
 */
final class XdpProgram {
    /** Where X-Change frames start in the packet buffer (the headroom left in front of them). */
    static final int XCHANGE_DATA_OFFSET = 16;
    /** Bytes of the metadata area: the slot's metadata and the X-Change headroom. */
    static final int META_SIZE = PacketPool.METADATA_SIZE + XCHANGE_DATA_OFFSET;
    /** Offset of the tag in the slot (first word of the buffer). */
    static final int TAG_OFFSET = PacketPool.METADATA_SIZE;

    private static final int XDP_PASS = 2;
    private static final int HELPER_KTIME_GET_NS = 5;
    private static final int HELPER_REDIRECT_MAP = 51;
    private static final int HELPER_ADJUST_META = 54;
    // struct xdp_md
    private static final int CTX_DATA = 0;
    private static final int CTX_DATA_END = 4;
    private static final int CTX_DATA_META = 8;
    private static final int CTX_RX_QUEUE = 16;

    private final long[] insns;
    private final int tag;
    private final MetadataLayout layout;
    private final long fields;

    private XdpProgram(long[] insns, int tag, MetadataLayout layout, long fields) {
        this.insns = insns;
        this.tag = tag;
        this.layout = layout;
        this.fields = fields;
    }

    /** The program that only redirects to the sockets of {@code xskMap}. */
    static XdpProgram redirectOnly(int xskMap) {
        BpfAssembler a = new BpfAssembler();
        a.movReg(R6, R1);
        redirect(a, xskMap);
        return new XdpProgram(a.assemble(), 0, null, 0);
    }

    /**
     * The X-Change program for {@code layout} and field mask {@code fields}.
     *
     * @param port          input-device annotation
     * @param headers       the interface's MAC address (for the packet type)
     * @param paintQueue    also store the queue number as paint
     * @param realtimeShift CLOCK_REALTIME minus CLOCK_MONOTONIC, in ns
     * @param tag           the stamp of this program (not 0)
     */
    static XdpProgram xchange(int xskMap, MetadataLayout layout, long fields, int port, FrameHeaders headers,
                              boolean paintQueue, long realtimeShift, int tag) {
        BpfAssembler a = new BpfAssembler();
        int d = XCHANGE_DATA_OFFSET;
        a.movReg(R6, R1);
        a.movReg(R1, R6).mov(R2, -META_SIZE).call(HELPER_ADJUST_META);
        a.jump(JNE, R0, 0, "redirect");
        a.load(SIZE_W, R7, R6, CTX_DATA_META).load(SIZE_W, R8, R6, CTX_DATA).load(SIZE_W, R9, R6, CTX_DATA_END);
        a.movReg(R2, R7).alu(ADD, R2, META_SIZE).jumpReg(JGT, R2, R8, "redirect");
        for (int w = 0; w < META_SIZE; w += 8) {
            a.storeImm(SIZE_DW, R7, w, 0);
        }
        a.storeImm(SIZE_W, R7, TAG_OFFSET, tag);
        a.storeImm(SIZE_H, R7, layout.offset(MetadataField.DATA_OFFSET), d);
        a.movReg(R2, R9).aluReg(SUB, R2, R8).store(SIZE_W, R7, layout.offset(MetadataField.LENGTH), R2);
        int mac = at(layout, fields, MetadataField.MAC_HEADER);
        if (mac >= 0) {
            a.storeImm(SIZE_H, R7, mac, d + 1); // header positions are stored + 1
        }
        int device = at(layout, fields, MetadataField.INPUT_DEVICE);
        if (device >= 0) {
            a.storeImm(SIZE_H, R7, device, port);
        }
        int queue = at(layout, fields, MetadataField.INPUT_QUEUE);
        int paint = paintQueue ? at(layout, fields, MetadataField.PAINT) : -1;
        if (queue >= 0 || paint >= 0) {
            a.load(SIZE_W, R2, R6, CTX_RX_QUEUE);
            if (queue >= 0) {
                a.store(SIZE_H, R7, queue, R2);
            }
            if (paint >= 0) {
                a.store(SIZE_B, R7, paint, R2);
            }
        }
        int ts = at(layout, fields, MetadataField.TIMESTAMP);
        if (ts >= 0) {
            a.call(HELPER_KTIME_GET_NS).loadImm64(R1, realtimeShift).aluReg(ADD, R0, R1).store(SIZE_DW, R7, ts, R0);
        }
        int type = at(layout, fields, MetadataField.PACKET_TYPE);
        int vlan = at(layout, fields, MetadataField.VLAN_TCI);
        int nh = at(layout, fields, MetadataField.NETWORK_HEADER);
        int th = at(layout, fields, MetadataField.TRANSPORT_HEADER);
        int rss = at(layout, fields, MetadataField.RSS_HASH);
        if (type >= 0 || vlan >= 0 || nh >= 0 || th >= 0 || rss >= 0) {
            a.movReg(R2, R8).alu(ADD, R2, 14).jumpReg(JGT, R2, R9, "redirect");
            if (type >= 0) {
                packetType(a, type, headers);
            }
            if (vlan >= 0 || nh >= 0 || th >= 0 || rss >= 0) {
                a.mov(R5, 14).load(SIZE_H, R3, R8, 12);
                a.jump32(JEQ, R3, 0x0081, "vlan").jump32(JEQ, R3, 0xA888, "vlan").jump("l3");
                a.label("vlan").movReg(R2, R8).alu(ADD, R2, 18).jumpReg(JGT, R2, R9, "redirect");
                if (vlan >= 0) {
                    a.load(SIZE_H, R4, R8, 14).toBigEndian(R4, 16).store(SIZE_H, R7, vlan, R4);
                }
                a.load(SIZE_H, R3, R8, 16).mov(R5, 18);
                a.label("l3");
                if (nh >= 0 || th >= 0 || rss >= 0) {
                    network(a, nh, th, rss, d);
                }
            }
        }
        a.label("redirect");
        redirect(a, xskMap);
        return new XdpProgram(a.assemble(), tag, layout, fields);
    }

    /** Stores the packet type: broadcast, multicast, this interface's address, or another host's. */
    private static void packetType(BpfAssembler a, int at, FrameHeaders h) {
        a.load(SIZE_W, R3, R8, 0).load(SIZE_H, R4, R8, 4);
        a.jump32(JNE, R3, -1, "not_broadcast").jump32(JNE, R4, 0xFFFF, "not_broadcast");
        a.storeImm(SIZE_B, R7, at, io.jmill.layout.Packet.BROADCAST).jump("type_done");
        a.label("not_broadcast").jump32(JSET, R3, 1, "multicast");
        a.jump32(JNE, R3, h.macLo(), "otherhost").jump32(JNE, R4, h.macHi(), "otherhost");
        a.storeImm(SIZE_B, R7, at, io.jmill.layout.Packet.HOST).jump("type_done");
        a.label("multicast").storeImm(SIZE_B, R7, at, io.jmill.layout.Packet.MULTICAST).jump("type_done");
        a.label("otherhost").storeImm(SIZE_B, R7, at, io.jmill.layout.Packet.OTHERHOST);
        a.label("type_done");
    }

    /** R3: ethertype as loaded (little-endian), R5: its header's offset. */
    private static void network(BpfAssembler a, int nh, int th, int rss, int d) {
        a.jump32(JEQ, R3, 0x0008, "ipv4").jump32(JEQ, R3, 0xDD86, "ipv6").jump("redirect");
        a.label("ipv4").movReg(R4, R8).aluReg(ADD, R4, R5);
        a.movReg(R2, R4).alu(ADD, R2, 20).jumpReg(JGT, R2, R9, "redirect");
        if (nh >= 0) {
            a.movReg(R2, R5).alu(ADD, R2, d + 1).store(SIZE_H, R7, nh, R2);
        }
        a.load(SIZE_B, R1, R4, 0).alu(AND, R1, 0xF).alu(LSH, R1, 2).jump(JLT, R1, 20, "redirect");
        if (th >= 0) {
            a.movReg(R2, R5).aluReg(ADD, R2, R1).alu(ADD, R2, d + 1).store(SIZE_H, R7, th, R2);
        }
        if (rss >= 0) {
            a.load(SIZE_W, R3, R4, 12).load(SIZE_W, R5, R4, 16).mov(R0, 0);
            a.load(SIZE_B, R2, R4, 9).jump(JEQ, R2, 6, "ports").jump(JEQ, R2, 17, "ports").jump("hash");
            a.label("ports").load(SIZE_H, R2, R4, 6).alu(AND, R2, 0xFF1F).jump(JNE, R2, 0, "hash");
            a.aluReg(ADD, R4, R1).movReg(R2, R4).alu(ADD, R2, 4).jumpReg(JGT, R2, R9, "hash");
            a.load(SIZE_W, R0, R4, 0);
            a.label("hash").aluReg(XOR, R3, R0).loadImm64(R2, FrameHeaders.HASH_K).aluReg(MUL, R3, R2);
            a.aluReg(XOR, R3, R5).aluReg(MUL, R3, R2).alu(RSH, R3, 32).store(SIZE_W, R7, rss, R3);
        }
        a.jump("redirect");
        a.label("ipv6").movReg(R4, R8).aluReg(ADD, R4, R5);
        a.movReg(R2, R4).alu(ADD, R2, 40).jumpReg(JGT, R2, R9, "redirect");
        if (nh >= 0) {
            a.movReg(R2, R5).alu(ADD, R2, d + 1).store(SIZE_H, R7, nh, R2);
        }
        if (th >= 0) {
            a.movReg(R2, R5).alu(ADD, R2, d + 41).store(SIZE_H, R7, th, R2);
        }
    }

    /** {@code return bpf_redirect_map(xsks, ctx->rx_queue_index, XDP_PASS)}; the context in R6. */
    private static void redirect(BpfAssembler a, int xskMap) {
        a.load(SIZE_W, R2, R6, CTX_RX_QUEUE).loadMap(R1, xskMap).mov(R3, XDP_PASS).call(HELPER_REDIRECT_MAP).exit();
    }

    private static int at(MetadataLayout layout, long fields, MetadataField f) {
        return Xchange.reads(fields, f) && layout.contains(f) ? layout.offset(f) : -1;
    }

    long[] instructions() {
        return insns;
    }

    /** The stamp this program leaves on the frames it wrote metadata for; 0 for the redirect-only program. */
    int tag() {
        return tag;
    }

    /** The layout the program writes, null for the redirect-only program. */
    MetadataLayout layout() {
        return layout;
    }

    long fields() {
        return fields;
    }
}
