// The `disconnecting` handler still sees the rooms the socket had.
import { scenario, connectOk, observer, emitAck, reasonOf, assertEqual } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const s = await connectOk("/test");
  const id = s.id;
  const zeta = `zeta-${process.pid}`, alpha = `alpha-${process.pid}`;
  await emitAck(s, "join", zeta);
  await emitAck(s, "join", alpha);
  assertEqual(await emitAck(obs, "rooms-at-disconnecting", id), null, "nothing recorded before");
  s.disconnect();
  await reasonOf(obs, id);
  assertEqual(await emitAck(obs, "rooms-at-disconnecting", id), [id, alpha, zeta].sort(), "rooms at disconnecting");
  assertEqual(await emitAck(obs, "count", zeta), 0, "the room is empty afterwards");
});
