// A shaped link, Click userlevel style: 500 packets/s of 1000 bytes (4 Mbps) offered to a
// 1 Mbps link with a 100-packet queue and 10 ms of propagation delay. What the link cannot carry
// is dropped at the queue; the rest arrives 10 ms after it left.
//   ./jmill run examples/userlevel/shaped-link.click -h in.count -h q.drops -h out.count
define($RATE 1Mbps, $DELAY 10ms, $LIMIT 1000);

RatedSource(LENGTH 1000, RATE 500, LIMIT $LIMIT)
  -> in :: Counter
  -> q :: Queue(100)
  -> link :: BandwidthRatedUnqueue($RATE, BURST 1)
  -> SetTimestamp
  -> wire :: Queue(1000)
  -> DelayUnqueue($DELAY)
  -> out :: Counter
  -> Discard;
