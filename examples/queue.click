// Push and pull: a source pushes into a queue, Unqueue pulls from it and pushes on.
// With --threads 2 the source and the Unqueue task run on different worker threads.
//   ./jmill run examples/queue.click --threads 2 -h q.drops -h out.count
define($LIMIT 2000000, $CAPACITY 1024);

InfiniteSource(LIMIT $LIMIT, STOP false)
  -> in :: Counter
  -> q :: Queue($CAPACITY)
  -> Unqueue
  -> out :: Counter
  -> Discard;
