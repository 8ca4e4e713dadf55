// The generated namespace /typed of the C# test server (tests/TypedSocketIO.Tests/Typed/TypedNamespace.cs)
// driven by the npm socket.io-client: typed arguments, every return shape, binary both ways,
// acks both ways, a broadcast ack and a refused connection. Runs against both servers: the Node
// reference has the same /typed namespace written with socket.io's API (reference/typed-namespace.mjs).
// Two checks are TypedSocketIO's own behaviour, which the reference reproduces by hand, so against
// Node they prove only the client side: arguments of the wrong type are not answered (the
// generated binding), and the message of a refusal by `on_connect` returning false.
// Run as `node typed/generated-namespace.mjs <baseUrl> <transport>`.
import {
  scenario, connect, connectOk, connectError, emitAck, waitFor, expectNoEvent,
  assert, assertEqual, normalizeBinary, isBinary,
} from "../scenarios/lib.mjs";

const auth = { key: "typed" };

scenario(async () => {
  const a = await connectOk("/typed", { auth });
  const b = await connectOk("/typed", { auth });

  // Arguments bound by type, results as acks.
  assertEqual(await emitAck(a, "echo_string", "héllo ✓"), "héllo ✓", "string");
  assertEqual(await emitAck(a, "echo_nullable", null), null, "nullable string");
  assertEqual(await emitAck(a, "add", 2, 3), 5, "int");
  assertEqual(await emitAck(a, "add_long", 2 ** 40, 1), 2 ** 40 + 1, "long");
  assertEqual(await emitAck(a, "half", 5), 2.5, "double");
  assertEqual(await emitAck(a, "not", false), true, "bool");
  assertEqual(await emitAck(a, "move", { x: 1, y: 2 }, 5), { x: 6, y: 2 }, "record with an explicit optional argument");
  assertEqual(await emitAck(a, "move", { x: 1, y: 2 }), { x: 2, y: 2 }, "record with a default");
  assertEqual(await emitAck(a, "element", { deep: [1, { two: 2 }] }), { deep: [1, { two: 2 }] }, "JsonElement");
  assertEqual(await emitAck(a, "task_value", 4), 40, "Task<int>");
  assertEqual(await emitAck(a, "valuetask_value", 4), 5, "ValueTask<int>");
  assertEqual(await emitAck(a, "camelCase"), "camel", "OnCamelCase handles camelCase");
  assertEqual(await emitAck(a, "custom name"), "custom", "[Event] name");

  // A tuple answers with several arguments; a void handler with none.
  const tuple = await new Promise((resolve) => a.emit("tuple", (...args) => resolve(args)));
  assertEqual(tuple, [7, "seven"], "tuple");
  const none = await new Promise((resolve) => a.emit("void", (...args) => resolve(args)));
  assertEqual(none, [], "void handler acks with no arguments");

  // Binary both ways.
  const reversed = await emitAck(a, "reverse", Buffer.from([1, 2, 3]));
  assert(isBinary(reversed), "binary answer is binary");
  assertEqual(normalizeBinary(reversed), Buffer.from([3, 2, 1]), "reversed bytes");
  assertEqual(await emitAck(a, "length", new Uint8Array(1000)), 1000, "ReadOnlyMemory<byte>");
  a.emit("send_binary", Buffer.from("typed proxy"));
  const [bin] = await waitFor(a, "bin");
  assertEqual(normalizeBinary(bin), Buffer.from("typed proxy"), "binary through the typed proxy");

  // Wrong argument types: no call, no ack, connection kept (TypedSocketIO's binding; see the header).
  const wrong = new Promise((resolve) => a.emit("add", "two", "three", () => resolve("answered")));
  assertEqual(await emitAck(a, "add", 1, 1), 2, "the connection still works");
  assertEqual(await Promise.race([wrong, new Promise((r) => setTimeout(() => r("no answer"), 300))]), "no answer", "bad arguments are not answered");

  // Server → client ack through the typed proxy.
  a.on("question", (text, callback) => callback(`yes to ${text}`));
  assertEqual(await emitAck(a, "ask_client", "q?"), "client said yes to q?", "typed single-socket ack");

  // Broadcast ack: one typed answer per socket in the room.
  const room = `poll-${Date.now()}`;
  b.on("poll", (callback) => callback(30));
  a.on("poll", (callback) => callback(12));
  await emitAck(b, "join", room);
  assertEqual(await emitAck(a, "poll_room", room), 42, "sum of every answer");

  // Room broadcast through the proxy, the sender left out.
  await emitAck(a, "join", `${room}-n`);
  await emitAck(b, "join", `${room}-n`);
  a.emit("notify", `${room}-n`, "hello");
  assertEqual(await waitFor(b, "notice"), ["hello"], "the other socket got the notice");
  await expectNoEvent(a, "notice");

  // Refusals from the connect handler.
  const refused = await connectError(connect("/typed", { auth: { key: "wrong" } }));
  // The generated code's refusal message (TypedSocketIO's own; see the header).
  assertEqual(refused.message, "Connection rejected by server", "on_connect returning false");
  const thrown = await connectError(connect("/typed", { auth: { key: "throw" } }));
  assertEqual([thrown.message, thrown.data], ["not today", { x: 4, y: 2 }], "ConnectionRefusedException with data");
});
