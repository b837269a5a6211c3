// The cost of a sink (docs/benchmarks.md, "Where the time goes"): InfiniteSource (64-byte packets,
// bursts of 32) -> AverageCounter -> ToNIC, JMill's simulated NIC (its wire counts and frees the
// frames). Compare with source-infinite.click (Discard) and sink-todump.click. JMill only:
// bench/cpu-per-packet jmill bench/stages/sink-tonic.click
define($WARMUP 8s, $TIME 4s);
InfiniteSource(LENGTH 64, LIMIT -1, BURST 32) -> ac :: AverageCounter -> ToNIC(sim0);
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
