// workpackage: synthetic per-packet load as in PacketMill's WorkPackage experiments: W random
// numbers, then N dependent reads, R percent of them in the packet and the rest in an S-MB array.
// The bench's stand-in for examples/workpackage.click, which `jmill bench` uses instead when it
// exists.
define($SIZE 64, $S 4, $N 4, $R 10, $W 8);

InfiniteSource(LENGTH $SIZE)
  -> WorkPackage(S $S, N $N, R $R, PAYLOAD false, W $W, SEED 1)
  -> Counter
  -> Discard;
