// Binary both ways: Buffer / Uint8Array arguments (several, nested) come back as binary.
import { scenario, connectOk, waitFor, emitAckAll, assertEqual, assert, isBinary, normalizeBinary, show } from "./lib.mjs";

scenario(async () => {
  const socket = await connectOk("/");
  const big = Buffer.alloc(100_000, 7);
  const args = [
    Buffer.from([1, 2, 3]),
    "text",
    new Uint8Array([250, 251, 252, 0]),
    { nested: { bin: Buffer.from("héllo", "utf8"), list: [Buffer.alloc(0), 5] } },
    [Buffer.from([9]), null],
    big,
  ];
  const expected = normalizeBinary(args);

  socket.emit("message", ...args);
  const back = await waitFor(socket, "message-back");
  assert(isBinary(back[0]) && isBinary(back[2]) && isBinary(back[3]?.nested?.bin) && isBinary(back[5]),
    `binary arguments stay binary, got ${show(back.map((a) => typeof a))}`);
  assertEqual(normalizeBinary(back), expected, "message-back with binary");

  const ack = await emitAckAll(socket, "message-with-ack", ...args);
  assertEqual(normalizeBinary(ack), expected, "message-with-ack with binary");

  // a text message afterwards is still decoded correctly (attachment state reset)
  socket.emit("message", "after", 1);
  assertEqual(await waitFor(socket, "message-back"), ["after", 1], "text message after binary");
});
