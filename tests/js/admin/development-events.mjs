// Development mode, as Node's @socket.io/admin-ui sends it: the config with every feature, the
// list of sockets with Node's fields, and a live event for each socket connected (in any
// namespace, one created after the server started included), upgraded, given data, joining and
// leaving rooms, receiving and sending events (binary included), and disconnecting.
import { assert, assertEqual, connected, emitAck, scenario, show, upgraded, waitFor } from "../scenarios/lib.mjs";
import { ALL_FEATURES, adminOk, assertIsoDate, user, waitForMatch } from "./admin-lib.mjs";

const SOCKET_FIELDS = ["clientId", "data", "handshake", "id", "nsp", "rooms", "transport"];
const HANDSHAKE_FIELDS = ["address", "headers", "issued", "query", "secure", "time", "url", "xdomain"];

scenario(async () => {
  const early = await connected(user());
  const ui = await adminOk();
  assertEqual(await waitFor(ui, "config"), [{ supportedFeatures: ALL_FEATURES }], "config");

  const [sockets] = await waitFor(ui, "all_sockets");
  const listed = sockets.find((s) => s.id === early.id);
  assert(listed, `all_sockets lists the socket connected before: ${show(sockets)}`);
  assertEqual(Object.keys(listed).sort(), SOCKET_FIELDS, "a listed socket's fields");
  assertEqual(listed.clientId, early.io.engine.id.substring(0, 12), "clientId: the connection id's first 12 characters");
  assertEqual([listed.transport, listed.nsp, listed.data, listed.rooms], ["websocket", "/", {}, [early.id]], "transport, nsp, data, rooms");
  const hs = listed.handshake;
  assertEqual(Object.keys(hs).sort(), HANDSHAKE_FIELDS, "the handshake's fields");
  assert(/127\.0\.0\.1/.test(hs.address), `address: ${hs.address}`);
  assertEqual(hs.headers.host, new URL(process.argv[2]).host, "headers.host");
  assertEqual([hs.query.EIO, hs.query.transport], ["4", "websocket"], "query");
  assert(typeof hs.issued === "number" && Math.abs(hs.issued - Date.now()) < 60_000, `issued: ${hs.issued}`);
  assertEqual([hs.secure, hs.xdomain, typeof hs.time], [false, false, "string"], "secure, xdomain, time");
  assert(hs.url.startsWith("/socket.io/?"), `url: ${hs.url}`);
  assert(sockets.some((s) => s.id === ui.id && s.nsp === "/admin"), "all_sockets lists the admin socket too");

  // A socket connecting now: its own room first, then the socket itself.
  const alice = user();
  await connected(alice);
  const aliceId = alice.id; // the client forgets it on disconnect
  const [joinedOwn] = await waitForMatch(ui, "room_joined", (nsp, room) => nsp === "/" && room === alice.id, "alice's own room");
  assertEqual(joinedOwn, "/", "room_joined's namespace");
  const [socket, at] = await waitForMatch(ui, "socket_connected", (s) => s.id === alice.id, "alice");
  assertEqual([socket.nsp, socket.rooms, socket.transport], ["/", [alice.id], "websocket"], "socket_connected");
  assertIsoDate(at, "socket_connected's timestamp");

  await emitAck(alice, "join", "lobby");
  const joined = await waitForMatch(ui, "room_joined", (nsp, room) => room === "lobby", "lobby");
  assertEqual(joined.slice(0, 3), ["/", "lobby", alice.id], "room_joined");
  assertIsoDate(joined[3], "room_joined's timestamp");

  await emitAck(alice, "hello", 1, { a: 2 });
  const gotHello = await waitForMatch(ui, "event_received", (nsp, id, args) => args[0] === "hello", "hello");
  assertEqual(gotHello.slice(0, 3), ["/", alice.id, ["hello", 1, { a: 2 }]], "event_received, the ack callback left out");
  assertIsoDate(gotHello[3], "event_received's timestamp");
  const sent = await waitForMatch(ui, "event_sent", (nsp, id, args) => args[0] === "welcome", "welcome");
  assertEqual(sent.slice(0, 3), ["/", alice.id, ["welcome", "hi", 3]], "event_sent");

  await emitAck(alice, "hello", Buffer.from([1, 2, 3]));
  const [, , binaryArgs] = await waitForMatch(ui, "event_received", (nsp, id, args) => args[0] === "hello", "a binary hello");
  assert(Buffer.isBuffer(binaryArgs[1]) && binaryArgs[1].equals(Buffer.from([1, 2, 3])), `binary arrives as bytes: ${show(binaryArgs)}`);

  await emitAck(alice, "set-name", "ada");
  const [updated] = await waitForMatch(ui, "socket_updated", (s) => s.id === alice.id && s.data, "alice's data");
  assertEqual(updated, { id: alice.id, nsp: "/", data: { UserProfile: { name: "ada" } } }, "socket_updated with data");

  // A namespace the server created after it started.
  const later = await connected(user("/later"));
  const [laterSocket] = await waitForMatch(ui, "socket_connected", (s) => s.id === later.id, "the /later socket");
  assertEqual(laterSocket.nsp, "/later", "the later namespace's socket");

  // Long-polling, then the upgrade: the UI learns the new transport.
  const upgrading = user("/", "upgrade");
  await connected(upgrading);
  await upgraded(upgrading);
  const [first] = await waitForMatch(ui, "socket_connected", (s) => s.id === upgrading.id, "the upgrading socket");
  if (first.transport !== "websocket") {
    assertEqual(first.transport, "polling", "the transport before the upgrade");
    const [upgradedSocket] = await waitForMatch(ui, "socket_updated", (s) => s.id === upgrading.id && s.transport, "the upgrade");
    assertEqual(upgradedSocket, { id: upgrading.id, nsp: "/", transport: "websocket" }, "socket_updated with the transport");
  }

  alice.disconnect();
  const gone = await waitForMatch(ui, "socket_disconnected", (nsp, id) => id === aliceId, "alice leaving");
  assertEqual(gone.slice(0, 3), ["/", aliceId, "client namespace disconnect"], "socket_disconnected");
  assertIsoDate(gone[3], "socket_disconnected's timestamp");
  const left = [];
  while (left.length < 2) {
    const [nsp, room] = await waitForMatch(ui, "room_left", (n, r, id) => id === aliceId, "alice leaving her rooms");
    left.push(`${nsp} ${room}`);
  }
  assertEqual(left.sort(), [`/ ${aliceId}`, "/ lobby"].sort(), "room_left for each of alice's rooms");
});
