package io.jmill.elements.file;

import io.jmill.engine.router.Router;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.file.Traces.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IPSummaryDumpTest {
    @TempDir
    Path dir;

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    /** Runs FromIPSummaryDump(in) -> [middle] -> ToIPSummaryDump(out, FIELDS fields); returns the data lines. */
    private List<String> run(String dump, String fromArgs, String middle, String fields) throws Exception {
        Path in = Files.writeString(dir.resolve("in.ipsum"), dump);
        Path out = dir.resolve("out.ipsum");
        Router r = Traces.router("f :: FromIPSummaryDump(" + q(in) + ", STOP true" + fromArgs + ") -> " + middle
                + " t :: ToIPSummaryDump(" + q(out) + ", FIELDS " + fields + ");");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        return Files.readAllLines(out).stream().filter(l -> !l.startsWith("!")).toList();
    }

    @Test
    void roundTripsTheFieldsItWasGiven() throws Exception {
        String fields = "timestamp src sport dst dport proto tcp_seq tcp_ack tcp_flags tcp_opt ip_ttl payload";
        List<String> lines = run("!data " + fields + "\n"
                + "1.000020 18.26.4.44 30 10.0.0.4 40 T 1000 2000 SA mss1460;wscale7 64 \"hi there\\n\"\n"
                + "# a comment\n"
                + "2.5 10.0.0.4 53 18.26.4.44 1024 U - - - - 100 \"\"\n", "", "", fields);
        assertEquals(List.of(
                "1.000020 18.26.4.44 30 10.0.0.4 40 T 1000 2000 SA mss1460;wscale7 64 \"hi there\\n\"",
                "2.500000 10.0.0.4 53 18.26.4.44 1024 U - - - - 100 \"\""), lines);
    }

    @Test
    void checksumPadsToTheIpLengthAndPassesTheHeaderChecks() throws Exception {
        List<String> lines = run("!data src dst icmp_type ip_len\n!proto I\n1.0.0.1 2.0.0.2 echo 60\n",
                ", CHECKSUM true", "CheckIPHeader -> CheckICMPHeader ->",
                "src dst icmp_type_name ip_len ip_capture_len payload_len");
        assertEquals(List.of("1.0.0.1 2.0.0.2 echo 60 60 40"), lines);
    }

    @Test
    void fieldsCutOffOrNotApplicableAreDashes() throws Exception {
        List<String> lines = run("!data src sport dport tcp_urp icmp_type\n1.0.0.1 1 2 3 -\n",
                "", "Strip(0) ->", "sport dport tcp_urp icmp_type udp_len");
        assertEquals(List.of("1 2 3 - -"), lines);
    }

    @Test
    void directivesSetTheDefaultFlowAndProtocol() throws Exception {
        List<String> lines = run("!flowid 1.1.1.1 10 2.2.2.2 20 U\n!data ip_id\n7\n", "", "",
                "src sport dst dport proto ip_id udp_len");
        assertEquals(List.of("1.1.1.1 10 2.2.2.2 20 U 7 8"), lines);
    }

    @Test
    void payloadDigestsAreClicks() throws Exception {
        List<String> lines = run("!data payload\n\"\"\n\"hi there\\n\"\n", "", "", "payload_md5 payload_md5_hex");
        assertEquals(List.of("u3bJz@iaYsq6aMaMSJVq_b d41d8cd98f00b204e9800998ecf8427e",
                "sy@Uze03MHB84qQruJ_zma 12f6bb1941df66b8f138a446d4e8670c"), lines);
    }

    @Test
    void sourceRoutesAndOtherIpOptionsRoundTrip() throws Exception {
        List<String> lines = run("!data src dst ip_opt\n"
                + "1.0.0.1 2.0.0.2 ssrr{128.4.45.60,^1.2.3.4,5.6.7.8}\n"
                + "1.0.0.1 2.0.0.2 ssrr{^1.2.3.4}\n"
                + "1.0.0.1 2.0.0.2 nop;99=1:2\n"
                + "1.0.0.1 2.0.0.2 .\n", "", "", "ip_opt ip_hl");
        assertEquals(List.of("ssrr{128.4.45.60^1.2.3.4,5.6.7.8} 36", "ssrr{^1.2.3.4} 28", "99=1:2 28", ". 20"), lines);
    }
}
