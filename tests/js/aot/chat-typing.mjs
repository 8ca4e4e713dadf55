// typing(room[, isTyping = true]) reaches the others in the room as typing(nickname, isTyping),
// never the typist nor anyone outside the room.
//   node aot/chat-typing.mjs <baseUrl> <transport>
import { assertEqual, connectOk, emitAck, expectNoEvent, scenario, waitFor } from "../scenarios/lib.mjs";

scenario(async ({ transport }) => {
  const room = `typing-${process.pid}-${transport}`;
  const alice = await connectOk("/chat", { auth: { nickname: "alice" } });
  const bob = await connectOk("/chat", { auth: { nickname: "bob" } });
  const eve = await connectOk("/chat", { auth: { nickname: "eve" } });
  await emitAck(alice, "join", room);
  await emitAck(bob, "join", room);
  await emitAck(eve, "join", `${room}-elsewhere`);

  alice.emit("typing", room); // isTyping defaults to true
  assertEqual(await waitFor(bob, "typing"), ["alice", true], "bob sees alice typing");

  alice.emit("typing", room, false);
  assertEqual(await waitFor(bob, "typing"), ["alice", false], "bob sees alice stop");

  await expectNoEvent(alice, "typing");
  await expectNoEvent(eve, "typing");
});
