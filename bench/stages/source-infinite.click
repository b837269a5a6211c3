// The cost of a source alone (docs/benchmarks.md, "Where the time goes"): InfiniteSource (64-byte packets, bursts of 32)
// -> AverageCounter -> Discard. JMill only: bench/cpu-per-packet jmill bench/stages/source-infinite.click
define($WARMUP 8s, $TIME 4s);
InfiniteSource(LENGTH 64, LIMIT -1, BURST 32) -> ac :: AverageCounter -> Discard;
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
