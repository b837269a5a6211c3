// The cost of a sink (docs/benchmarks.md, "Where the time goes"): InfiniteSource (64-byte packets,
// bursts of 32) -> AverageCounter -> ToDump into /dev/null (the pcap records are built and
// written, the disk is left out). Compare with source-infinite.click (Discard) and
// sink-tonic.click. JMill or Click: bench/cpu-per-packet ENGINE bench/stages/sink-todump.click
define($WARMUP 8s, $TIME 4s, $FILE /dev/null);
InfiniteSource(LENGTH 64, LIMIT -1, BURST 32) -> ac :: AverageCounter -> ToDump($FILE);
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
