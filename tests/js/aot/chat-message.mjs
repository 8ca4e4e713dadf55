// Two clients in a room: the sender's ack is the message's sequence number, every member of the
// room (sender included) gets `message` {room, nickname, text, sequence, sentAt}, a client in
// another room gets nothing, and a later joiner receives the message in the join ack.
//   node aot/chat-message.mjs <baseUrl> <transport>
import { assert, assertEqual, connectOk, emitAck, expectNoEvent, scenario, waitFor } from "../scenarios/lib.mjs";

scenario(async ({ transport }) => {
  const room = `room-${process.pid}-${transport}`;
  const alice = await connectOk("/chat", { auth: { nickname: "alice" } });
  const bob = await connectOk("/chat", { auth: { nickname: "bob" } });
  const eve = await connectOk("/chat", { auth: { nickname: "eve" } });

  assertEqual(await emitAck(alice, "join", room), [], "recent messages of a new room");
  assertEqual(await emitAck(bob, "join", room), [], "recent messages before anyone spoke");
  await emitAck(eve, "join", `${room}-elsewhere`);

  const before = Date.now();
  const sequence = await emitAck(alice, "send", room, "hello, bob");
  assert(Number.isInteger(sequence) && sequence > 0, `the send ack is a positive sequence number (got ${sequence})`);

  const [message] = await waitFor(bob, "message");
  assertEqual(Object.keys(message).sort(), ["nickname", "room", "sentAt", "sequence", "text"], "message fields");
  assertEqual(
    { room: message.room, nickname: message.nickname, text: message.text, sequence: message.sequence },
    { room, nickname: "alice", text: "hello, bob", sequence },
    "the message bob received",
  );
  const sentAt = Date.parse(message.sentAt);
  assert(typeof message.sentAt === "string" && !Number.isNaN(sentAt), `sentAt is a date (got ${message.sentAt})`);
  assert(Math.abs(sentAt - before) < 60_000, `sentAt is about now (got ${message.sentAt})`);

  const [echo] = await waitFor(alice, "message");
  assertEqual(echo, message, "the sender gets the same message");
  await expectNoEvent(eve, "message");

  // Sequence numbers grow, and the room keeps its history for those who join later.
  const next = await emitAck(bob, "send", room, "hi alice");
  assert(next > sequence, `the next sequence number (${next}) is greater than ${sequence}`);
  const carol = await connectOk("/chat", { auth: { nickname: "carol" } });
  const recent = await emitAck(carol, "join", room);
  assertEqual(
    recent.map((m) => [m.nickname, m.text, m.sequence]),
    [["alice", "hello, bob", sequence], ["bob", "hi alice", next]],
    "the recent messages a later joiner gets",
  );
});
