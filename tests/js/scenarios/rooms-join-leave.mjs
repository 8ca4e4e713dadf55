// "/test" join / leave acks carry the socket's rooms, sorted, its own id included.
import { scenario, connectOk, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const s = await connectOk("/test");
  const room = (n) => `jl-${process.pid}-${n}`;
  assertEqual(await emitAck(s, "join", room("b")), [s.id, room("b")].sort(), "after join b");
  assertEqual(await emitAck(s, "join", room("a")), [s.id, room("a"), room("b")].sort(), "after join a");
  assertEqual(await emitAck(s, "join", room("a")), [s.id, room("a"), room("b")].sort(), "joining twice is idempotent");
  assertEqual(await emitAck(s, "leave", room("b")), [s.id, room("a")].sort(), "after leave b");
  assertEqual(await emitAck(s, "leave", "never-joined"), [s.id, room("a")].sort(), "leaving a room not joined");
  assertEqual(await emitAck(s, "leave", room("a")), [s.id], "after leave a");
});
