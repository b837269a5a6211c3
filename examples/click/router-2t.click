// Click's IP router on two threads, FastClick style: the replay pipeline of router.click twice,
// each with its own elements, bound to a thread each by StaticThreadSched. The rate printed is
// the sum of both pipelines'.
//   ./jmill run examples/click/router-2t.click --threads 2
//   click -j 2 examples/click/router-2t.click            (Click/FastClick userlevel)
//   THREADS=2 bench/compare-click CLICK_BINARY router-2t
// With one thread (--threads 1, -j 1) both pipelines share it (after a warning that thread 1 is
// out of range).
define($PCAP examples/traces/router-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s);
require(library ../lib/iprouter.click);

elementclass ReplayRouter { $pcap |
  FromDump($pcap, STOP false, TIMING false)
    -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
    -> ac :: AverageCounter
    -> r :: IPRouter(MTU 1500)
    -> c :: Counter
    -> Discard;
  r [1] -> [1] r;
}

p0 :: ReplayRouter($PCAP);
p1 :: ReplayRouter($PCAP);
StaticThreadSched(p0 0, p1 1);

DriverManager(wait $WARMUP, write p0/ac.reset, write p1/ac.reset, wait $TIME,
              print "RESULT-RATE $(add $(p0/ac.rate) $(p1/ac.rate))", stop);
