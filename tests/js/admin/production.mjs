// Production mode: the config without ALL_EVENTS, no list of sockets and none of the live
// events, while statistics keep coming. A stats message sent after the sockets' actions proves
// the absence: the live events would have been sent before it, on the same connection.
import { assertEqual, connected, emitAck, fail, scenario, show, waitFor } from "../scenarios/lib.mjs";
import { DEVELOPMENT_EVENTS, adminOk, received, user, waitForMatch } from "./admin-lib.mjs";

scenario(async () => {
  const ui = await adminOk();
  assertEqual(await waitFor(ui, "config"), [{ supportedFeatures: ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS"] }], "config");

  const alice = await connected(user());
  await emitAck(alice, "join", "lobby");
  await emitAck(alice, "hello", 1);
  await emitAck(alice, "set-name", "ada");
  alice.disconnect();

  // Stats taken once alice is gone from "/" were sent after every event her actions caused.
  await waitForMatch(ui, "server_stats", (stats) => stats.namespaces.some((n) => n.name === "/" && n.socketsCount === 0), "stats without alice", 10000);
  const live = received(ui, DEVELOPMENT_EVENTS);
  if (live.length > 0) fail(`production mode sent development events: ${show(live)}`);
});
