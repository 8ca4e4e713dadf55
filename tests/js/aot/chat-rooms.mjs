// The room list: rooms() answers { version, rooms: [{ name, members }] }, the lobby first and
// always there; room_list brings a newer one (a greater version) to everyone when someone enters
// or leaves a room, or disconnects. Only a member of a room posts in it (send's ack is null
// otherwise, and nobody gets a message) or types in it.
//   node aot/chat-rooms.mjs <baseUrl> <transport>
import { assert, assertEqual, connectOk, emitAck, expectNoEvent, fail, scenario, show, waitFor } from "../scenarios/lib.mjs";

const membersOf = (list, room) => list.rooms.find((r) => r.name === room)?.members;

/** Waits for a room_list on `socket` in which `room` has exactly `members`; returns that list. */
async function listWith(socket, room, members, timeout = 5000) {
  const deadline = Date.now() + timeout;
  const seen = [];
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) fail(`no room_list with ${room} = ${show(members)} within ${timeout} ms (got ${show(seen)})`);
    const [list] = await waitFor(socket, "room_list", left);
    seen.push(membersOf(list, room));
    if (JSON.stringify(membersOf(list, room) ?? []) === JSON.stringify(members)) return list;
  }
}

scenario(async ({ transport }) => {
  const room = `rooms-${process.pid}-${transport}`;
  const alice = await connectOk("/chat", { auth: { nickname: "alice" } });
  const bob = await connectOk("/chat", { auth: { nickname: "bob" } });

  const first = await emitAck(alice, "rooms");
  assertEqual(Object.keys(first).sort(), ["rooms", "version"], "the fields of the room list");
  assert(Number.isInteger(first.version), `the version is a number (got ${show(first.version)})`);
  assertEqual(first.rooms[0], { name: "lobby", members: first.rooms[0].members }, "the lobby comes first");
  assertEqual(membersOf(first, room), undefined, "a room nobody entered and nobody spoke in is not listed");

  // Alice enters: Bob (outside the room) gets the new list.
  await emitAck(alice, "join", room);
  const afterJoin = await listWith(bob, room, ["alice"]);
  assert(afterJoin.version > first.version, `the version grows (${first.version} then ${afterJoin.version})`);

  // Bob is not in the room: his message is refused and reaches nobody, his typing too.
  assertEqual(await emitAck(bob, "send", room, "let me in"), null, "the ack of a send to a room the sender is not in");
  bob.emit("typing", room, true);
  await expectNoEvent(alice, "message");
  await expectNoEvent(alice, "typing");

  // Bob enters: both names, in order; a message from a member is taken.
  await emitAck(bob, "join", room);
  await listWith(alice, room, ["alice", "bob"]);
  const sequence = await emitAck(bob, "send", room, "in now");
  assert(Number.isInteger(sequence) && sequence > 0, `a member's send is acknowledged with its sequence number (got ${show(sequence)})`);
  assertEqual((await waitFor(alice, "message"))[0].text, "in now", "the member's message alice gets");
  assertEqual(await emitAck(alice, "send", room, "   "), null, "the ack of a blank message");

  // Bob disconnects: Alice gets the list without him. Alice leaves: the room keeps its place
  // (it has history) with nobody in it.
  bob.disconnect();
  await listWith(alice, room, ["alice"]);
  await emitAck(alice, "leave", room);
  const last = await emitAck(alice, "rooms");
  assertEqual(membersOf(last, room), [], "the room, with history and nobody in it");
});
