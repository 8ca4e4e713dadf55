// user_joined goes to the others in the room when someone joins; user_left when someone leaves
// the room or disconnects.
//   node aot/chat-presence.mjs <baseUrl> <transport>
import { assertEqual, connectOk, emitAck, expectNoEvent, scenario, waitFor } from "../scenarios/lib.mjs";

scenario(async ({ transport }) => {
  const room = `presence-${process.pid}-${transport}`;
  const alice = await connectOk("/chat", { auth: { nickname: "alice" } });
  await emitAck(alice, "join", room);

  const bob = await connectOk("/chat", { auth: { nickname: "bob" } });
  await emitAck(bob, "join", room);
  assertEqual(await waitFor(alice, "user_joined"), ["bob", room], "alice sees bob join");
  await expectNoEvent(bob, "user_joined");

  await emitAck(bob, "leave", room);
  assertEqual(await waitFor(alice, "user_left"), ["bob", room], "alice sees bob leave");
  await expectNoEvent(bob, "user_left");

  await emitAck(bob, "join", room);
  assertEqual(await waitFor(alice, "user_joined"), ["bob", room], "alice sees bob come back");
  bob.disconnect();
  assertEqual(await waitFor(alice, "user_left"), ["bob", room], "alice sees bob disconnect");
});
