// The UI's actions, as Node's @socket.io/admin-ui takes them, with and without a filter (a room,
// or a socket id): join, leave, emit (binary included), and _disconnect of one socket or of
// whole connections. An action for a namespace that does not exist changes nothing.
import { assert, assertEqual, connected, emitAck, scenario, show, waitFor, waitUntil } from "../scenarios/lib.mjs";
import { adminOk, user, waitForMatch } from "./admin-lib.mjs";

const rooms = (socket) => emitAck(socket, "rooms");
const eventually = (what, check) => waitUntil(check, what);

scenario(async () => {
  const a = await connected(user());
  const b = await connected(user());
  await emitAck(a, "join", "ra");
  const ui = await adminOk();
  await waitFor(ui, "config");

  ui.emit("join", "/", "rb", a.id);
  await eventually("a in rb", async () => (await rooms(a)).includes("rb"));
  assertEqual(await rooms(b), [b.id], "b's rooms: a join filtered to a changed nothing else");

  ui.emit("join", "/", "everyone");
  await eventually("both in everyone", async () => (await rooms(a)).includes("everyone") && (await rooms(b)).includes("everyone"));

  ui.emit("leave", "/", "rb", a.id);
  await eventually("a out of rb", async () => !(await rooms(a)).includes("rb"));
  ui.emit("leave", "/", "everyone");
  await eventually("nobody in everyone", async () => !(await rooms(a)).includes("everyone") && !(await rooms(b)).includes("everyone"));
  assertEqual(await rooms(a), [a.id, "ra"].sort(), "a's rooms after the leaves");

  ui.emit("emit", "/", "ra", "news", 1, "x", Buffer.from([7, 8]));
  const [n, text, bytes] = await waitFor(a, "news");
  assertEqual([n, text], [1, "x"], "the emitted arguments");
  assert(Buffer.isBuffer(bytes) && bytes.equals(Buffer.from([7, 8])), `binary argument: ${show(bytes)}`);
  ui.emit("emit", "/", null, "marker");
  await waitFor(a, "marker");
  await waitFor(b, "marker");
  assert(!b._inbox.some((e) => e.event === "news"), "b, not in ra, got no news before the marker");

  ui.emit("join", "/nowhere", "x");
  const [stats] = await waitForMatch(ui, "server_stats", () => true, "stats after the action");
  // A deliberate difference: Node's package calls io.of(nsp), which makes the namespace.
  const made = stats.namespaces.some((ns) => ns.name === "/nowhere");
  assertEqual(made, process.env.ADMIN_REFERENCE === "node", `a namespace made for an action: ${show(stats.namespaces)}`);

  ui.emit("_disconnect", "/", false, b.id);
  assertEqual((await waitFor(b, "disconnect"))[0], "io server disconnect", "b's disconnect reason");
  assert(a.connected, "a is still connected");

  ui.emit("_disconnect", "/", true, "ra");
  const [reason] = await waitFor(a, "disconnect");
  assert(["io server disconnect", "transport close"].includes(reason), `a's disconnect reason: ${reason}`);
  await eventually("a's whole connection closed", () => a.io.engine.readyState === "closed");
});
