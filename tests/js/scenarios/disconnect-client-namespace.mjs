// Client socket.disconnect(): the server records "client namespace disconnect".
import { scenario, connectOk, observer, reasonOf, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const s = await connectOk("/test");
  const id = s.id;
  assertEqual(await emitAck(obs, "reason-of", id), null, "no reason recorded while connected");
  s.disconnect();
  assertEqual(await reasonOf(obs, id), "client namespace disconnect", "server-side reason");
  assertEqual(await emitAck(obs, "reason-of", "no-such-socket"), null, "unknown socket id");
});
