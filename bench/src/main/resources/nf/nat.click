// nat: network address and port translation of one UDP flow with IPRewriter (a mapping table
// lookup, address and port rewrite, incremental checksums per packet). The bench's stand-in for
// examples/nat.click, which `jmill bench` uses instead when it exists.
define($SIZE 64);

rw :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1);

InfiniteSource(LENGTH $SIZE)
  -> Strip(14)
  -> CheckIPHeader
  -> rw;
rw[0] -> Unstrip(14) -> Counter -> Discard;
rw[1] -> Discard;
