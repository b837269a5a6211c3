// The smallest useful router: generate packets, count them, throw them away.
//   ./jmill run examples/counter.click -h c.count -h c.rate
//   ./jmill run examples/counter.click LIMIT=1000000
define($LIMIT -1, $BURST 32);

InfiniteSource(LIMIT $LIMIT, BURST $BURST, STOP true)
  -> c :: Counter
  -> Discard;
