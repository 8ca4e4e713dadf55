// server_stats as Node's @socket.io/admin-ui sends it: the server's identity, connection counts
// (one of them long-polling), the namespaces with their sockets, and the per-second aggregated
// events (connections, disconnections with their reason, packets and bytes both ways).
//   node admin/stats.mjs <baseUrl> websocket <password> <server pid> <server id>
import { assert, assertEqual, connected, emitAck, scenario, show } from "../scenarios/lib.mjs";
import { adminOk, user, waitForMatch } from "./admin-lib.mjs";

const STATS_FIELDS = ["aggregatedEvents", "clientsCount", "hostname", "namespaces", "pid", "pollingClientsCount", "serverId", "uptime"];
const expectedPid = Number(process.argv[5]);
const expectedServerId = process.argv[6];

scenario(async () => {
  const poller = await connected(user("/", "polling"));
  const ui = await adminOk();
  await emitAck(poller, "hello", "x".repeat(100));

  const totals = new Map();
  const count = (type, subType) => totals.get(`${type}/${subType ?? ""}`) ?? 0;
  const collect = (stats) => {
    for (const e of stats.aggregatedEvents) {
      assert(e.timestamp % 1000 === 0 && Number.isInteger(e.count) && e.count > 0, `a per-second count: ${show(e)}`);
      totals.set(`${e.type}/${e.subType ?? ""}`, (totals.get(`${e.type}/${e.subType ?? ""}`) ?? 0) + e.count);
    }
  };

  const [stats] = await waitForMatch(ui, "server_stats", (s) => s.clientsCount === 2, "two clients");
  collect(stats);
  assertEqual(Object.keys(stats).sort(), STATS_FIELDS, "server_stats' fields");
  assertEqual([stats.serverId, stats.pid, stats.pollingClientsCount], [expectedServerId, expectedPid, 1], "serverId, pid, pollingClientsCount");
  assert(typeof stats.hostname === "string" && stats.hostname.length > 0 && stats.uptime > 0, `hostname and uptime: ${show(stats)}`);
  const ns = Object.fromEntries(stats.namespaces.map((n) => [n.name, n.socketsCount]));
  assertEqual([ns["/"], ns["/admin"]], [1, 1], "sockets per namespace");

  await waitForMatch(ui, "server_stats", (s) => {
    collect(s);
    return count("rawConnection") >= 2 && count("packetsIn") >= 3 && count("packetsOut") >= 3;
  }, "the aggregated connections and packets", 10000);
  // At least the 100-character argument went in; the CONNECT answers and acks went out.
  assert(count("bytesIn") > 100 && count("bytesOut") > 40, `bytes: ${show([...totals])}`);

  poller.disconnect();
  await waitForMatch(ui, "server_stats", (s) => {
    collect(s);
    return s.clientsCount === 1 && s.pollingClientsCount === 0 && count("rawDisconnection", "transport close") === 1;
  }, "the poller's disconnection", 10000);
});
