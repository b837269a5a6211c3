package io.jmill.specializer;

import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every element class of the library, found through the element registry, runs generic and
 * specialized in a small graph with a typical configuration, on generated traffic
 * ({@link DifferentialTest#same}: sources start inactive and the specialized run swaps the code in
 * before the first packet, every element of the graph must get a specialized copy, and what the
 * sinks receive, annotations included, and every handler must be equal). A class that cannot be
 * driven here is listed in {@link #NOT_DRIVEN} with the reason; a class in neither table fails
 * {@link #everyRegisteredClassIsDrivenOrSaysWhyNot()}, so a new element cannot be left out silently.
 *
 * <p>In the graphs, {@code x} is the element under test; {@code $SRC} is deterministic Ethernet
 * traffic (IPv4 TCP, UDP and ICMP, some ARP, bad checksums and TTL 1 among them).
 */
class LibraryDifferentialTest {
    private static final String SRC = "src :: IPTrafficSource(LIMIT 3000, ACTIVE false)";
    private static final String FEW = "src :: IPTrafficSource(LIMIT 200, ACTIVE false)";
    /** Ethernet frames of IPv4 packets, with valid IP headers, annotated. */
    private static final String ETH_IP = "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
            + " cl[0] -> CheckIPHeader(14) -> ";
    /** IPv4 packets (Ethernet header stripped), with valid headers, annotated. */
    private static final String IP = "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
            + " cl[0] -> Strip(14) -> CheckIPHeader -> ";
    /** {@link #IP} with the destination-IP annotation set from the header. */
    private static final String ROUTED = IP + "GetIPAddress(16) -> ";
    private static final String ROUTES = "(10.1.0.0/16 0, 10.2.0.0/24 10.100.0.1 1, 192.168.0.0/16 2,"
            + " 0.0.0.0/0 10.100.0.2 1)";

    /** An ARP request from 10.0.0.9 (02:00:00:00:00:09) for 10.1.2.3, padded to 60 bytes. */
    private static final String ARP_REQUEST = "\\<ffffffffffff 020000000009 0806 0001 0800 06 04 0001 020000000009"
            + " 0a000009 000000000000 0a010203 000000000000000000000000000000000000>";

    /** The graph each class runs in. */
    static final Map<String, String> GRAPHS = new LinkedHashMap<>();
    /** Classes not driven here, and why. */
    static final Map<String, String> NOT_DRIVEN = new LinkedHashMap<>();

    private static void graph(String element, String config) {
        GRAPHS.put(element, config);
    }

    /** x's outputs 0..n-1 each to a recorder. */
    private static String outputs(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(" x[").append(k).append("] -> r").append(k).append(" :: RecordAll;");
        }
        return sb.toString();
    }

    /** {@code in} copied to a recorder and to x, a sink. */
    private static String sink(String in, String x) {
        return in + "t :: Tee(2); t[0] -> r :: RecordAll; t[1] -> x :: " + x;
    }

    static {
        // ethernet
        // FEW: a run of 200 packets ends well within the querier's 100 ms between two queries for one address
        graph("ARPQuerier", "$FEW -> cl :: Classifier(12/0806, 12/0800, -); cl[2] -> Discard; cl[0] -> [1] x;"
                + " cl[1] -> Strip(14) -> CheckIPHeader -> GetIPAddress(16)"
                + " -> [0] x :: ARPQuerier(10.0.0.1, 02:00:00:00:00:01);" + outputs(2));
        graph("ARPResponder", "InfiniteSource(" + ARP_REQUEST + ", LIMIT 1000, STOP true, ACTIVE false)"
                + " -> x :: ARPResponder(10.1.2.3 02:00:00:00:00:02, 10.0.0.0/8 02:00:00:00:00:01);" + outputs(2));
        graph("EtherEncap", IP + "x :: EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> r :: RecordAll");
        graph("EtherMirror", "$SRC -> x :: EtherMirror -> r :: RecordAll");
        graph("EtherRewrite", "$SRC -> x :: EtherRewrite(02:00:00:00:00:0a, 02:00:00:00:00:0b) -> r :: RecordAll");
        graph("DropBroadcasts", "$SRC -> x :: DropBroadcasts;" + outputs(2));
        graph("VLANEncap", "$SRC -> x :: VLANEncap(VLAN_ID 42, VLAN_PCP 3) -> r :: RecordAll");
        graph("VLANDecap", "$SRC -> VLANEncap(VLAN_ID 42) -> x :: VLANDecap -> r :: RecordAll");
        graph("SetVLANAnno", "$SRC -> x :: SetVLANAnno(VLAN_ID 7, VLAN_PCP 2) -> r :: RecordAll");
        // IP
        graph("CheckIPHeader", "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
                + " cl[0] -> Strip(14) -> x :: CheckIPHeader;" + outputs(2));
        graph("CheckIPHeader2", "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
                + " cl[0] -> Strip(14) -> x :: CheckIPHeader2;" + outputs(2));
        graph("MarkIPHeader", "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
                + " cl[0] -> x :: MarkIPHeader(14) -> r :: RecordAll");
        graph("CheckICMPHeader", IP + "x :: CheckICMPHeader;" + outputs(2));
        graph("CheckTCPHeader", IP + "x :: CheckTCPHeader;" + outputs(2));
        graph("CheckUDPHeader", IP + "x :: CheckUDPHeader;" + outputs(2));
        graph("DecIPTTL", IP + "x :: DecIPTTL;" + outputs(2));
        graph("ICMPError", IP + "x :: ICMPError(10.0.0.1, timeexceeded) -> r :: RecordAll");
        graph("FixIPSrc", IP + "ICMPError(10.0.0.1, parameterproblem) -> x :: FixIPSrc(10.0.0.9) -> r :: RecordAll");
        graph("IPFragmenter", IP + "x :: IPFragmenter(48);" + outputs(2));
        graph("IPGWOptions", IP + "x :: IPGWOptions(10.0.0.1);" + outputs(2));
        graph("IPOutputCombo", ROUTED + "x :: IPOutputCombo(2, 10.0.0.1, 60);" + outputs(5));
        graph("SetIPChecksum", IP + "x :: SetIPChecksum -> r :: RecordAll");
        graph("SetTCPChecksum", IP + "IPClassifier(tcp) -> x :: SetTCPChecksum -> r :: RecordAll");
        graph("SetUDPChecksum", IP + "IPClassifier(udp) -> x :: SetUDPChecksum;" + outputs(2));
        graph("IPPrint", IP.replace("$SRC", FEW) + "x :: IPPrint(LIBTEST) -> r :: RecordAll");
        graph("IPInputCombo", "$SRC -> cl :: Classifier(12/0800, -); cl[1] -> Discard; cl[0] -> x :: IPInputCombo(2);"
                + outputs(2));
        graph("IPReassembler", IP + "IPFragmenter(48) -> x :: IPReassembler;" + outputs(2));
        graph("IPMirror", IP + "x :: IPMirror -> r :: RecordAll");
        graph("StripIPHeader", IP + "x :: StripIPHeader -> r :: RecordAll");
        graph("StripToNetworkHeader", IP + "x :: StripToNetworkHeader -> r :: RecordAll");
        graph("EtherVLANEncap", "$SRC -> SetVLANAnno(5, 1) -> x :: EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, ANNO)"
                + " -> r :: RecordAll");
        graph("StripEtherVLANHeader", "$SRC -> EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, 9)"
                + " -> x :: StripEtherVLANHeader -> r :: RecordAll");
        graph("ICMPIPEncap", "$SRC -> x :: ICMPIPEncap(1.0.0.1, 2.0.0.2, TYPE echo, IDENTIFIER 7) -> r :: RecordAll");
        graph("UnstripIPHeader", IP + "StripIPHeader -> x :: UnstripIPHeader -> r :: RecordAll");
        graph("MarkIPCE", IP + "x :: MarkIPCE(true) -> r :: RecordAll");
        graph("SetIPDSCP", IP + "x :: SetIPDSCP(46) -> r :: RecordAll");
        graph("IPEncap", IP + "x :: IPEncap(4, 10.0.0.1, 10.0.0.2) -> r :: RecordAll");
        graph("UDPIPEncap", "$SRC -> x :: UDPIPEncap(10.0.0.1, 1234, 10.0.0.2, 5678) -> r :: RecordAll");
        graph("ICMPPingResponder", IP + "x :: ICMPPingResponder;" + outputs(2));
        graph("ICMPPingEncap", "$SRC -> x :: ICMPPingEncap(10.0.0.1, 10.0.0.2) -> r :: RecordAll");
        // host-side Ethernet
        graph("HostEtherFilter", "$SRC -> x :: HostEtherFilter(02:02:02:02:02:04);" + outputs(2));
        graph("EnsureEther", IP + "x :: EnsureEther -> r :: RecordAll");
        graph("StoreEtherAddress", "$SRC -> x :: StoreEtherAddress(0a:0b:0c:0d:0e:0f, src) -> r :: RecordAll");
        graph("CheckARPHeader", "$SRC -> cl :: Classifier(12/0806, -); cl[1] -> Discard; cl[0] -> x :: CheckARPHeader(14);"
                + outputs(2));
        graph("ARPPrint", "$FEW -> cl :: Classifier(12/0806, -); cl[1] -> Discard; cl[0] -> x :: ARPPrint(LIBTEST)"
                + " -> r :: RecordAll");
        // classification
        graph("Classifier", "$SRC -> x :: Classifier(12/0806, 12/0800 23/06, 12/0800 23/11, -);" + outputs(4));
        graph("IPClassifier", IP + "x :: IPClassifier(tcp dst port 80, udp, icmp type echo, -);" + outputs(4));
        graph("IPFilter", IP + "x :: IPFilter(allow tcp && dst port 22, 1 udp, deny icmp, allow all);" + outputs(2));
        graph("HashSwitch", "$SRC -> x :: HashSwitch(26, 8);" + outputs(3));
        graph("RoundRobinSwitch", "$SRC -> x :: RoundRobinSwitch;" + outputs(3));
        // flows numbered in order of appearance, counted per flow
        graph("AggregateIPFlows", IP + "x :: AggregateIPFlows -> ac :: AggregateCounter -> r0 :: RecordAll; x[1] -> r1 :: RecordAll");
        graph("AggregateCounter", IP + "AggregateIPFlows -> x :: AggregateCounter(BYTES true) -> r :: RecordAll");
        // 17 is Click's offset of PAINT
        graph("PaintRR", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> Paint(0) -> x; rr[1] -> Paint(7) -> x;"
                + " rr[2] -> Paint(200) -> x; x :: PaintRR(17);" + outputs(3));
        graph("PaintSwitch", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> Paint(0) -> x; rr[1] -> Paint(1) -> x;"
                + " rr[2] -> Paint(2) -> x; x :: PaintSwitch;" + outputs(2));
        // routing
        graph("GetIPAddress", IP + "x :: GetIPAddress(16) -> r :: RecordAll");
        graph("SetIPAddress", IP + "x :: SetIPAddress(10.1.0.9) -> r :: RecordAll");
        graph("DirectIPLookup", ROUTED + "x :: DirectIPLookup" + ROUTES + ";" + outputs(3));
        graph("LinearIPLookup", ROUTED + "x :: LinearIPLookup" + ROUTES + ";" + outputs(3));
        graph("RadixIPLookup", ROUTED + "x :: RadixIPLookup" + ROUTES + ";" + outputs(3));
        graph("StaticIPLookup", ROUTED + "x :: StaticIPLookup" + ROUTES + ";" + outputs(3));
        // NAT and flows
        graph("FlowIPManager", IP + "x :: FlowIPManager(4096) -> r :: RecordAll");
        graph("FlowCounter", IP + "FlowIPManager(4096) -> x :: FlowCounter -> r :: RecordAll");
        graph("FlowIPNAT", IP + "FlowIPManager(4096) -> x :: FlowIPNAT(1.0.0.1) -> r :: RecordAll");
        // replies: the traffic's packets to 10.1.2.3 play the part, most of them for ports without a mapping
        graph("FlowIPNATReverse", IP + "t :: Tee(2); t[0] -> FlowIPManager(4096) -> nat :: FlowIPNAT(10.1.2.3)"
                + " -> r0 :: RecordAll; t[1] -> x :: FlowIPNATReverse(nat) -> r1 :: RecordAll");
        graph("IPRewriter", IP + "x :: IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1);" + outputs(2));
        graph("IPAddrRewriter", IP + "x :: IPAddrRewriter(pattern 1.0.0.0/24# - 0 1);"
                + " x[0] -> y :: IPAddrPairRewriter(pattern 2.0.0.1-2.0.3.255# - 0 0) -> r0 :: RecordAll;"
                + " x[1] -> r1 :: RecordAll");
        graph("ICMPPingRewriter", "$SRC -> ICMPPingEncap(10.0.0.1, 10.0.0.2) -> [0] x;"
                + " x :: ICMPPingRewriter(pattern 1.0.0.1 - 0-65535# 0 1) -> ICMPPingResponder -> [0] x;"
                + " x[1] -> r :: RecordAll");
        graph("ICMPRewriter", IP + "rw :: IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1); rw[1] -> Discard;"
                + " rw[0] -> ICMPError(19.19.19.19, timeexceeded) -> x :: ICMPRewriter(rw);" + outputs(2));
        // the traffic carries no PORT commands: the mapper passes it on to the rewriter unchanged
        graph("FTPPortMapper", IP + "x :: FTPPortMapper(rw, rw, 0) -> rw :: TCPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1);"
                + " rw[0] -> r0 :: RecordAll; rw[1] -> r1 :: RecordAll");
        // generic and specialized runs are on one worker: the pattern of worker 0
        graph("ThreadIPMapper", "x :: ThreadIPMapper(1.0.0.1 1024-30000# - - 0 1, 1.0.0.1 30001-65535# - - 0 1);"
                + IP + "rw :: UDPRewriter(x); rw[0] -> r0 :: RecordAll; rw[1] -> r1 :: RecordAll");
        graph("RoundRobinIPMapper", "x :: RoundRobinIPMapper(1.0.0.1 1024-65535# - - 0 1, 1.0.0.2 1024-65535# - - 1 0);"
                + IP + "rw :: IPRewriter(x); rw[0] -> r0 :: RecordAll; rw[1] -> r1 :: RecordAll");
        graph("IPRewriterPatterns", "x :: IPRewriterPatterns(to_world 1.0.0.1 1024-65535# - -);"
                + IP + "rw :: IPRewriter(pattern to_world 0 1); rw[0] -> r0 :: RecordAll; rw[1] -> r1 :: RecordAll");
        // standard
        graph("AverageCounter", "$SRC -> x :: AverageCounter -> r :: RecordAll");
        graph("Counter", "$SRC -> x :: Counter -> r :: RecordAll");
        graph("Discard", sink("$SRC -> ", "Discard"));
        // holds the 3000 clones until the router closes, then frees them
        graph("DiscardNoFree", sink("$SRC -> ", "DiscardNoFree"));
        graph("Idle", sink("$SRC -> ", "Idle"));
        graph("Null", "$SRC -> x :: Null -> r :: RecordAll");
        graph("PathSpinlock", "$SRC -> x :: PathSpinlock -> r :: RecordAll");
        graph("RandomSeed", "$SRC -> c :: Counter -> r :: RecordAll; x :: RandomSeed(1)");
        graph("Paint", "$SRC -> x :: Paint(9) -> r :: RecordAll");
        graph("Print", "$FEW -> x :: Print(LIBTEST, 24) -> r :: RecordAll");
        graph("Queue", "$SRC -> x :: Queue(100000) -> Unqueue -> r :: RecordAll");
        graph("Unqueue", "$SRC -> Queue(100000) -> x :: Unqueue(8) -> r :: RecordAll");
        graph("Unqueue2", "$SRC -> Queue(100000) -> x :: Unqueue2(0, QUIET true) -> Queue(64) -> Unqueue -> r :: RecordAll");
        graph("Strip", "$SRC -> x :: Strip(14) -> r :: RecordAll");
        graph("Unstrip", "$SRC -> Strip(14) -> x :: Unstrip(14) -> r :: RecordAll");
        graph("Tee", "$SRC -> x :: Tee(3);" + outputs(3));
        graph("NumberPacket", "$SRC -> x :: NumberPacket(60, NET_ORDER true) -> r :: RecordAll");
        graph("CheckNumberPacket", "$SRC -> RandomSample(0.9, SEED 4) -> NumberPacket -> x :: CheckNumberPacket(COUNT 2500);"
                + outputs(2));
        // lat's delays are times, left out of the comparison (DifferentialTest.timingDependent)
        String latency = "$SRC -> NumberPacket(60) -> x :: RecordTimestamp(OFFSET 60) -> lat :: TimestampDiff(x, OFFSET 60)"
                + " -> r0 :: RecordAll; lat[1] -> r1 :: RecordAll";
        graph("RecordTimestamp", latency);
        graph("TimestampDiff", latency);
        graph("MarkMACHeader", "$SRC -> x :: MarkMACHeader(0, 14) -> r :: RecordAll");
        graph("Hub", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> [0]x; rr[1] -> [1]x; rr[2] -> [2]x; x :: Hub;" + outputs(3));
        graph("SetTimestamp", "$SRC -> x :: SetTimestamp -> r :: RecordAll");
        graph("StoreData", "$SRC -> x :: StoreData(6, \\<02 00>, MASK \\<ff 0f>) -> r :: RecordAll");
        graph("MoveData", "$SRC -> x :: MoveData(0, 6, 6) -> r :: RecordAll");
        graph("SetTimestampDelta", "$SRC -> SetTimestamp(1000.5) -> x :: SetTimestampDelta -> r :: RecordAll");
        graph("AdjustTimestamp", "$SRC -> SetTimestamp(1000.5) -> x :: AdjustTimestamp(-0.25) -> r :: RecordAll");
        graph("WorkPackage", "$SRC -> x :: WorkPackage(4, 10, 30, true, SEED 7) -> r :: RecordAll");
        // switching, sampling, paint, length, annotations
        graph("Switch", "$SRC -> x :: Switch(1);" + outputs(3));
        graph("StaticSwitch", "$SRC -> x :: StaticSwitch(2);" + outputs(3));
        graph("RandomSwitch", "$SRC -> x :: RandomSwitch(SEED 2);" + outputs(3));
        graph("RandomSample", "$SRC -> x :: RandomSample(0.3, SEED 5);" + outputs(2));
        graph("PaintTee", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> Paint(1) -> x; rr[1] -> Paint(2) -> x;"
                + " x :: PaintTee(2);" + outputs(2));
        graph("CheckPaint", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> Paint(1) -> x; rr[1] -> Paint(2) -> x;"
                + " x :: CheckPaint(1);" + outputs(2));
        graph("CheckLength", "$SRC -> x :: CheckLength(100);" + outputs(2));
        graph("Truncate", "$SRC -> x :: Truncate(40) -> r :: RecordAll");
        graph("Pad", "$SRC -> Truncate(40) -> x :: Pad -> r :: RecordAll");
        graph("Align", "$SRC -> Strip(1) -> x :: Align(4, 2) -> r :: RecordAll");
        graph("Suppressor", "$SRC -> x :: Suppressor -> r :: RecordAll");
        graph("SetPacketType", "$SRC -> x :: SetPacketType(OUTGOING) -> r :: RecordAll");
        graph("SetAnnoByte", "$SRC -> x :: SetAnnoByte(PAINT, 3) -> r :: RecordAll");
        // rates: settings far above what the run reaches, so that no packet depends on timing
        graph("Meter", "$SRC -> x :: Meter(1T);" + outputs(2));
        graph("BandwidthMeter", "$SRC -> x :: BandwidthMeter(1000Tbps);" + outputs(2));
        graph("RatedSplitter", "$SRC -> x :: RatedSplitter(1T);" + outputs(2));
        graph("BandwidthRatedSplitter", "$SRC -> x :: BandwidthRatedSplitter(1000Tbps);" + outputs(2));
        graph("Shaper", "$SRC -> Queue(100000) -> x :: Shaper(1T) -> Unqueue -> r :: RecordAll");
        graph("BandwidthShaper", "$SRC -> Queue(100000) -> x :: BandwidthShaper(1000Tbps) -> Unqueue -> r :: RecordAll");
        // queues, schedulers, unqueuers
        graph("ThreadSafeQueue", "$SRC -> x :: ThreadSafeQueue(100000) -> Unqueue -> r :: RecordAll");
        graph("FrontDropQueue", "$SRC -> x :: FrontDropQueue(100000) -> Unqueue -> r :: RecordAll");
        graph("MixedQueue", "$SRC -> rr :: RoundRobinSwitch; rr[0] -> [0]x; rr[1] -> [1]x; x :: MixedQueue(100000)"
                + " -> Unqueue -> r :: RecordAll");
        graph("RatedUnqueue", "$SRC -> Queue(100000) -> x :: RatedUnqueue(1T) -> r :: RecordAll");
        graph("BandwidthRatedUnqueue", "$SRC -> Queue(100000) -> x :: BandwidthRatedUnqueue(1000Tbps, BURST 32)"
                + " -> r :: RecordAll");
        graph("TimedUnqueue", "$SRC -> Queue(100000) -> x :: TimedUnqueue(0, 64) -> r :: RecordAll");
        graph("Burster", "$SRC -> Queue(100000) -> x :: Burster(0, 16) -> r :: RecordAll");
        // no latency, no bandwidth limit: every packet leaves at once (linkunqueue.clicktest times it)
        graph("LinkUnqueue", "$SRC -> Queue(100000) -> x :: LinkUnqueue(0, 0) -> r :: RecordAll");
        graph("DelayUnqueue", "$SRC -> Queue(100000) -> x :: DelayUnqueue(0) -> r :: RecordAll");
        graph("TimedSink", "$SRC -> t :: Tee(2); t[0] -> r :: RecordAll; t[1] -> Queue(100000) -> x :: TimedSink(0)");
        graph("NotifierDebug", "$SRC -> Queue(100000) -> x :: NotifierDebug -> Unqueue -> r :: RecordAll");
        graph("DelayShaper", "$SRC -> Queue(100000) -> x :: DelayShaper(0) -> Unqueue -> r :: RecordAll");
        graph("PullTee", "$SRC -> Queue(100000) -> x :: PullTee -> Unqueue -> r0 :: RecordAll; x[1] -> r1 :: RecordAll");
        String twoQueues = "$SRC -> rr :: RoundRobinSwitch; rr[0] -> Queue(100000) -> [0] x; rr[1] -> Queue(100000) -> [1] x;";
        graph("PullSwitch", twoQueues + " x :: PullSwitch(1) -> Unqueue -> r :: RecordAll");
        graph("StaticPullSwitch", twoQueues + " x :: StaticPullSwitch(0) -> Unqueue -> r :: RecordAll");
        graph("SimplePrioSched", twoQueues + " x :: SimplePrioSched -> Unqueue -> r :: RecordAll");
        graph("SimpleRoundRobinSched", twoQueues + " x :: SimpleRoundRobinSched -> Unqueue -> r :: RecordAll");
        // sources: each is the graph's only source, inactive until the code is in place
        graph("InfiniteSource", "x :: InfiniteSource(LIMIT 3000, LENGTH 70, STOP true, ACTIVE false) -> r :: RecordAll");
        graph("RatedSource", "x :: RatedSource(RATE 50000, LIMIT 1500, STOP true, ACTIVE false) -> r :: RecordAll");
        graph("FromDump", "x :: FromDump($PCAP, STOP true, ACTIVE false) -> r :: RecordAll");
        graph("ICMPPingSource", "x :: ICMPPingSource(10.0.0.1, 10.0.0.2, INTERVAL 0, LIMIT 300, STOP true, ACTIVE false)"
                + " -> r :: RecordAll");
        graph("TimedSource", "x :: TimedSource(0, LIMIT 300, STOP true, ACTIVE false) -> r :: RecordAll");
        graph("RandomSource", "x :: RandomSource(64, LIMIT 3000, STOP true, ACTIVE false, SEED 1) -> r :: RecordAll");
        graph("FastUDPFlows", "x :: FastUDPFlows(0, 3000, 80, 2:0:0:0:0:1, 10.0.0.1, 2:0:0:0:0:2, 10.0.0.2, 16, 10,"
                + " STOP true, ACTIVE false, SEED 3) -> r :: RecordAll");

        graph("FromNIC", "x :: FromNIC(libtest0, FLOWS 64, SRC 10.0.0.0/16, LIMIT 3000, STOP true, ACTIVE false) -> r :: RecordAll");
        graph("FromIPSummaryDump", "x :: FromIPSummaryDump(DATA \"!data timestamp src sport dst dport proto payload\n"
                + "1.5 10.0.0.1 1000 10.0.0.2 80 T \\\"GET\\\"\n2 10.0.0.2 53 10.0.0.1 999 U -\n3 1.0.0.1 - 1.0.0.2 - I -\","
                + " STOP true, CHECKSUM true, ACTIVE false) -> r :: RecordAll");
        // sinks
        graph("ToIPSummaryDump", sink(IP, "ToIPSummaryDump($DIR/out.ipsum, FIELDS src sport dst dport proto tcp_flags"
                + " payload_len)"));
        graph("ToDump", sink("$SRC -> ", "ToDump($DIR/out.pcap)"));
        graph("ToNIC", "x :: FromNIC(libtest1, FLOWS 64, SRC 10.0.0.0/16, LIMIT 3000, STOP true, ACTIVE false) -> t :: Tee(2);"
                + " t[0] -> r :: RecordAll; t[1] -> y :: ToNIC(libtest1)");
        // pull
        // pull: a capture pulled from FromDump, loaded whole, then replayed three times
        graph("Replay", "src :: FromDump($PCAP, ACTIVE false) -> x :: Replay(STOP 3, ACTIVE false) -> Unqueue"
                + " -> r :: RecordAll");
        graph("TimeFilter", "src :: FromDump($PCAP, STOP true, ACTIVE false) -> x :: TimeFilter(START_AFTER 0.001,"
                + " END_AFTER 0.003);" + outputs(2));
        graph("TimeSortedSched", "src :: FromDump($PCAP, ACTIVE false) -> x :: TimeSortedSched(BUFFER 4) -> Unqueue"
                + " -> r :: RecordAll");
        graph("ReplayUnqueue", "src :: FromDump($PCAP, ACTIVE false) -> x :: ReplayUnqueue(STOP 3, ACTIVE false)"
                + " -> r :: RecordAll");
        // control: no ports; they sit in a moving graph, passive, and must come through specialization too
        graph("Script", "$SRC -> c :: Counter -> r :: RecordAll; x :: Script(TYPE PASSIVE, read c.count)");
        graph("AlignmentInfo", "$SRC -> c :: Counter -> r :: RecordAll; x :: AlignmentInfo(c 4 2)");
        graph("ScheduleInfo", "$SRC -> c :: Counter -> r :: RecordAll; x :: ScheduleInfo(src 2)");
        graph("Message", "$SRC -> c :: Counter -> r :: RecordAll; x :: Message(\"a note\")");
        graph("StoreIPAddress", IP + "x :: StoreIPAddress(10.9.9.9, src) -> r :: RecordAll");
        graph("AddressInfo", "$SRC -> EtherRewrite(a, 02:00:00:00:00:0b) -> r :: RecordAll;"
                + " x :: AddressInfo(a 10.0.0.1/24 02:00:00:00:00:0a)");
        graph("PortInfo", IP + "UDPIPEncap(10.0.0.1, dns, 10.0.0.2, ssh) -> r :: RecordAll; x :: PortInfo(dns 53/udp)");
        graph("ControlSocket", "$SRC -> c :: Counter -> r :: RecordAll; x :: ControlSocket(UNIX, $DIR/control.sock)");
        graph("ChatterSocket", "$SRC -> c :: Counter -> r :: RecordAll; x :: ChatterSocket(UNIX, $DIR/chatter.sock)");
        // a server nobody connects to: every packet is dropped, and counted
        graph("Socket", sink("$SRC -> ", "Socket(UNIX, $DIR/socket.sock, CLIENT false) -> Discard"));
        graph("ProgressBar", "$SRC -> c :: Counter -> r :: RecordAll; x :: ProgressBar(c.count, ACTIVE false)");
        // with a DriverManager the router stops when its script ends: the source's stop ends its pause
        graph("DriverManager", "InfiniteSource(LIMIT 3000, STOP true, ACTIVE false) -> c :: Counter -> r :: RecordAll;"
                + " x :: DriverManager(pause, stop)");

        graph("StaticThreadSched", "$SRC -> c :: Counter -> r :: RecordAll; x :: StaticThreadSched(c 0)");
        graph("BlockThread", "$SRC -> c :: Counter -> r :: RecordAll; x :: BlockThread");
        // threads: one worker here, so every packet takes the output of thread 0 (ThreadElementsTest
        // covers the others); the specialized copy reads the worker index as the generic one does
        graph("CPUSwitch", "$SRC -> x :: CPUSwitch;" + outputs(2));
        graph("ExactCPUSwitch", "$SRC -> x :: ExactCPUSwitch;" + outputs(2));
        graph("CounterMP", "$SRC -> x :: CounterMP -> r :: RecordAll");
        graph("Pipeliner", "$SRC -> x :: Pipeliner(BLOCKING true) -> r :: RecordAll");
        // one worker here: nothing to balance (BalancedThreadSchedTest moves tasks between two)
        graph("BalancedThreadSched", "$SRC -> c :: Counter -> r :: RecordAll; x :: BalancedThreadSched(5)");

        NOT_DRIVEN.put("ARPFaker", "sends one ARP reply every INTERVAL (10 s by default) for as long as the router runs,"
                + " so it never ends a run; HostEtherElementsTest drives it on a clock moved by hand");
        NOT_DRIVEN.put("KernelTun", "needs CAP_NET_ADMIN and /dev/net/tun: KernelTunTest drives it in a network namespace");
        NOT_DRIVEN.put("KernelTap", "needs CAP_NET_ADMIN and /dev/net/tun: KernelTunTest drives it in a network namespace");
        NOT_DRIVEN.put("FromHost", "needs CAP_NET_ADMIN and /dev/net/tun: KernelTunTest drives it in a network namespace");
        NOT_DRIVEN.put("ToHost", "writes to FromHost's tap interface (CAP_NET_ADMIN, /dev/net/tun): KernelTunTest drives it"
                + " in a network namespace");
        NOT_DRIVEN.put("FromDevice", "reads a Linux interface through AF_PACKET or AF_XDP: needs a veth pair in a network"
                + " namespace (AfPacketDeviceTest and AfXdpDeviceTest drive it there)");
        NOT_DRIVEN.put("ToDevice", "writes a Linux interface through AF_PACKET or AF_XDP: needs a veth pair in a network"
                + " namespace (AfPacketDeviceTest and AfXdpDeviceTest drive it there)");
    }

    static List<String> driven() {
        return List.copyOf(GRAPHS.keySet());
    }

    @Test
    void everyRegisteredClassIsDrivenOrSaysWhyNot() {
        TreeSet<String> registered = new TreeSet<>();
        for (ElementClass ec : ElementRegistry.load().all()) {
            if (ec.type().getName().startsWith("io.jmill.elements.")) {
                registered.add(ec.name());
            }
        }
        TreeSet<String> covered = new TreeSet<>(GRAPHS.keySet());
        covered.addAll(NOT_DRIVEN.keySet());
        assertEquals(registered, covered, "library classes vs the classes this test drives or explains");
        NOT_DRIVEN.keySet().forEach(c -> assertFalse(GRAPHS.containsKey(c), c + " is both driven and not"));
        assertTrue(registered.size() >= 60, registered.size() + " classes found through the registry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("driven")
    void genericAndSpecializedAgree(String element, @TempDir Path dir) throws Exception {
        assertNotNull(ElementRegistry.load().find(element), element + " is a library class");
        Path pcap = dir.resolve("in.pcap");
        DifferentialTest.writePcap(pcap, 700);
        String config = GRAPHS.get(element).replace("$SRC", SRC).replace("$FEW", FEW)
                .replace("$PCAP", pcap.toString()).replace("$DIR", dir.toString());
        DifferentialTest.Outcome o = DifferentialTest.same(config, 1, true);
        assertTrue(o.handlers().containsKey("x.name") || o.handlers().containsKey("y.name"), "x is in the graph");
    }
}
