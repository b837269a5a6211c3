// The cost of a source alone (docs/benchmarks.md, "Where the time goes"): JMill's simulated NIC (FromNIC, 4096 flows of 64-byte frames)
// -> AverageCounter -> Discard. JMill only: bench/cpu-per-packet jmill bench/stages/source-fromnic.click
define($WARMUP 8s, $TIME 4s);
FromNIC(sim0, FLOWS 4096, SRC 10.0.0.2, DST 10.1.0.0/20, SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02, SIZE 64) -> ac :: AverageCounter -> Discard;
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
