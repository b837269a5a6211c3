// forwarder: the smallest NF, packets in, counted, out. The bench's stand-in for
// examples/forwarder.click, which `jmill bench` uses instead when it exists.
//   ./jmill run bench/src/main/resources/nf/forwarder.click SIZE=256
define($SIZE 64);

InfiniteSource(LENGTH $SIZE)
  -> Counter
  -> Discard;
