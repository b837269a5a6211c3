// WorkPackage: PacketMill's synthetic NF. Every packet costs W random numbers and N dependent
// memory reads (R% in the packet, the rest in an S-MB array), then goes back out with its
// Ethernet addresses swapped; on the simulated NIC (built-in traffic) by default.
//   ./jmill run examples/workpackage.click
//   ./jmill run examples/workpackage.click S=0 W=0        (no work: the forwarder plus one element)
//   ./jmill run examples/workpackage.click S=16 N=10 R=50 PAYLOAD=true SIZE=1500
//   ./jmill run examples/workpackage.click PCAP=trace.pcap OUT=out.pcap   (replay a capture, record the output)
//
// NIC -> WorkPackage(S, N, R, PAYLOAD, W) -> EtherMirror -> NIC
// PacketMill sweeps S and W from 0 to 20 with N 5, R 0, PAYLOAD false.
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $PCAP "", $OUT "",
       $S 16, $N 5, $R 0, $W 16, $PAYLOAD false);

FromNIC($DEV, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.0.0/20, DST 10.1.0.1, SIZE $SIZE,
        LIMIT $LIMIT, STOP true, PCAP $PCAP)
  -> wp :: WorkPackage(S $S, N $N, R $R, PAYLOAD $PAYLOAD, W $W)
  -> EtherMirror
  -> ToNIC($DEV, DUMP $OUT);
