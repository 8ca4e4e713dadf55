// transports: websocket
// /engine.io/ echoes text frames as text and binary frames as binary.
import { scenario, RawEngine, assertEqual } from "./lib.mjs";

scenario(async () => {
  const e = await RawEngine.open("websocket", "/engine.io/");
  const bin = Buffer.from([0, 1, 2, 250, 255]);
  e.send("4hello", bin, "4ünï 🚀", Buffer.alloc(0), "4");
  const got = [];
  for (let i = 0; i < 5; i++) got.push(await e.message());
  assertEqual(got, [
    { type: "message", data: "hello" },
    { type: "message", binary: true, data: bin },
    { type: "message", data: "ünï 🚀" },
    { type: "message", binary: true, data: Buffer.alloc(0) },
    { type: "message", data: "" },
  ], "echoes in order");
  const big = "4" + "x".repeat(200_000);
  e.send(big);
  assertEqual((await e.message()).data.length, 200_000, "large text echo");
});
