// "/", "/custom" and "/test" multiplexed over one Manager: one Engine.IO session, three sockets.
import { scenario, connect, connected, waitFor, emitAck, emitAckAll, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const root = connect("/", { auth: { ns: "root" } });
  const manager = root.io;
  let opens = 0;
  manager.on("open", () => opens++);
  const custom = connect("/custom", { manager, auth: { ns: "custom" } });
  const test = connect("/test", { manager });
  await Promise.all([connected(root), connected(custom), connected(test)]);

  assertEqual((await waitFor(root, "auth"))[0], { ns: "root" }, "auth on /");
  assertEqual((await waitFor(custom, "auth"))[0], { ns: "custom" }, "auth on /custom");
  const engineId = manager.engine.id;
  assert(typeof engineId === "string" && engineId.length > 0, "engine id is set");
  assert(root.io.engine === custom.io.engine && custom.io.engine === test.io.engine, "one engine for all namespaces");
  assert(new Set([root.id, custom.id, test.id]).size === 3, "three distinct socket ids");
  assertEqual(opens, 1, "the manager opened exactly one engine");

  // traffic on each namespace
  assertEqual(await emitAckAll(root, "message-with-ack", "r"), ["r"], "ack on /");
  const room = `mx-${process.pid}`;
  const rooms = await emitAck(test, "join", room);
  assertEqual(rooms, [test.id, room].sort(), "join ack on /test");

  // leaving one namespace keeps the others up
  custom.disconnect();
  assertEqual(await emitAckAll(root, "message-with-ack", 2), [2], "ack on / after /custom left");
  assertEqual(await emitAck(test, "count", room), 1, "count on /test after /custom left");
  assertEqual(manager.engine.id, engineId, "same engine id throughout");
});
