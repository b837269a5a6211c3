// Forwarder: every frame goes back out with its Ethernet addresses swapped.
// PacketMill's simplest NF, on the simulated NIC (built-in traffic) by default.
//   ./jmill run examples/forwarder.click
//   ./jmill run examples/forwarder.click MODEL=copying SIZE=imix LIMIT=10000000
//   ./jmill run examples/forwarder.click PCAP=trace.pcap OUT=out.pcap   (replay a capture, record the output)
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $PCAP "", $OUT "");

FromNIC($DEV, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.0.0/20, DST 10.1.0.1, SIZE $SIZE,
        LIMIT $LIMIT, STOP true, PCAP $PCAP)
  -> EtherMirror
  -> ToNIC($DEV, DUMP $OUT);
