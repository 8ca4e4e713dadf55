// Namespace "/": `message-with-ack` (...args) is acked with the same arguments.
import { scenario, connectOk, emitAckAll, assertEqual } from "./lib.mjs";

scenario(async () => {
  const socket = await connectOk("/");
  const cases = [
    [1, "two", { three: 3 }],
    [null, [1, [2, [3]]], "🙂 ünïcödé"],
    [],
  ];
  for (const args of cases) {
    const ack = await emitAckAll(socket, "message-with-ack", ...args);
    assertEqual(ack, args, `ack for ${JSON.stringify(args)}`);
  }
  // concurrent acks are matched by id
  const many = await Promise.all([...Array(10).keys()].map((i) => emitAckAll(socket, "message-with-ack", i, `n${i}`)));
  assertEqual(many, [...Array(10).keys()].map((i) => [i, `n${i}`]), "10 concurrent acks");
});
