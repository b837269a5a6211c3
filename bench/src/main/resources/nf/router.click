// router: the IPv4 forwarding path of a Click router (no route lookup): check the IP header,
// decrement the TTL (updating the checksum), count. The bench's stand-in for
// examples/router.click, which `jmill bench` uses instead when it exists.
define($SIZE 64);

InfiniteSource(LENGTH $SIZE)
  -> Strip(14)
  -> CheckIPHeader
  -> DecIPTTL
  -> Unstrip(14)
  -> Counter
  -> Discard;
