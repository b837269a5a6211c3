// Router on two receive queues: the IP router of router.click once per queue of the same
// simulated NIC, RSS spreading the flows over the queues, as a multi-queue NIC is run on several
// cores in FastClick. Each queue has its own elements, so the two pipelines share no state.
//   ./jmill run examples/router-2q.click --threads 2        (a thread per queue)
//   ./jmill run examples/router-2q.click --threads 1        (both queues on one thread)
//   ./jmill bench --nf router-2q --threads 1,2 --modes specialized --sizes 64
// The router places the two FromNIC tasks on different threads by itself; StaticThreadSched
// (commented out below) binds them explicitly, as Click configurations do.
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $MTU 1500);
require(library lib/iprouter.click);

elementclass RouterQueue { $queue |
  FromNIC($DEV, QUEUE $queue, N_QUEUES 2, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.0.2, DST 10.1.0.0/20,
          SIZE $SIZE, SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02, LIMIT $LIMIT, STOP true)
    -> r :: IPRouter(MTU $MTU)
    -> ToNIC($DEV, QUEUE $queue);
  r [1] -> [1] r;
}

q0 :: RouterQueue(0);
q1 :: RouterQueue(1);
// StaticThreadSched(q0 0, q1 1);
