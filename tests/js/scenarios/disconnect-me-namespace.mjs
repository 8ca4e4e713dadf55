// `disconnect-me` false: the server disconnects the socket from the namespace only.
import { scenario, connect, connected, connectOk, observer, reasonOf, waitFor, emitAck, emitAckAll, assertEqual } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  // a second namespace on the same connection must survive
  const root = connect("/");
  await connected(root);
  const s = connect("/test", { manager: root.io });
  await connected(s);
  const id = s.id;
  s.emit("disconnect-me", false);
  const [reason] = await waitFor(s, "disconnect");
  assertEqual(reason, "io server disconnect", "client-side reason");
  assertEqual(await reasonOf(obs, id), "server namespace disconnect", "server-side reason");
  assertEqual(await emitAckAll(root, "message-with-ack", "still here"), ["still here"], "/ on the same connection still works");
});
