// Read-only mode: the config offers no action, and the actions an admin socket sends anyway are
// ignored. The actor's later disconnect proves the server read them: a connection's packets are
// handled in order, and the watcher hears of the disconnect.
import { assert, assertEqual, connected, emitAck, scenario, waitFor } from "../scenarios/lib.mjs";
import { adminOk, user, waitForMatch } from "./admin-lib.mjs";

scenario(async () => {
  const a = await connected(user());
  const watcher = await adminOk();
  assertEqual(await waitFor(watcher, "config"), [{ supportedFeatures: ["AGGREGATED_EVENTS", "ALL_EVENTS"] }], "config");

  const actor = await adminOk();
  const actorId = actor.id;
  actor.emit("join", "/", "taken", a.id);
  actor.emit("emit", "/", a.id, "news", 1);
  actor.emit("leave", "/", a.id, a.id);
  actor.emit("_disconnect", "/", true, a.id);
  actor.disconnect();
  await waitForMatch(watcher, "socket_disconnected", (nsp, id) => nsp === "/admin" && id === actorId, "the actor leaving");

  assertEqual(await emitAck(a, "rooms"), [a.id], "a's rooms, unchanged");
  assert(a.connected, "a is still connected");
  assert(!a._inbox.some((e) => e.event === "news"), "a received no news");
});
