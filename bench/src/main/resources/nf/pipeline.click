// pipeline: two tasks joined by a queue, the source on one worker and Unqueue on another when
// run with --threads 2 (on one thread they take turns). Throughput is what reaches Discard; the
// source's excess is dropped at the full queue (the drops column).
define($SIZE 64, $CAPACITY 1024);

InfiniteSource(LENGTH $SIZE)
  -> Queue($CAPACITY)
  -> Unqueue
  -> Counter
  -> Discard;
