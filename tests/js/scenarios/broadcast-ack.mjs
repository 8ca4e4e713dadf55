// Broadcast with acks: `ask-room` polls 3 sockets of a room and acks with the sorted answers.
import { scenario, connectOk, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const room = `poll-${process.pid}`;
  const sockets = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  const names = ["charlie", "alpha", "bravo"];
  for (const [i, s] of sockets.entries()) {
    s.on("poll", (ack) => ack(names[i]));
    await emitAck(s, "join", room);
  }
  const asker = await connectOk("/test");
  assertEqual(await emitAck(asker, "ask-room", room, 2000), ["alpha", "bravo", "charlie"], "answers");
  // an empty room answers at once with no answers
  assertEqual(await emitAck(asker, "ask-room", `empty-${process.pid}`, 2000), [], "empty room");
});
