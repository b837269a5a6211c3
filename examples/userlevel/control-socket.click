// Handlers over Click's ControlSocket protocol, as Click's tools use it: read counters and
// switch the traffic while the router runs.
//   ./jmill run examples/userlevel/control-socket.click &
//   printf 'READ a.count\r\nWRITE sw.switch 1\r\nQUIT\r\n' | nc localhost 7777
define($PORT 7777+);

cs :: ControlSocket(TCP, $PORT, VERBOSE true);
RatedSource(RATE 1000)
  -> c :: Counter
  -> sw :: Switch(0);
sw[0] -> a :: Counter -> Discard;
sw[1] -> b :: Counter -> Discard;
