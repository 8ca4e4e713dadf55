// `emit-all-namespaces` reaches sockets of every namespace ("/", "/custom", "/test").
import { scenario, connect, connected, connectOk, waitFor, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const root = await connectOk("/");
  const custom = connect("/custom", { manager: root.io });
  await connected(custom);
  const test = await connectOk("/test");
  const sender = await connectOk("/test");
  // concurrent runs may broadcast too: look for our own payload
  const payload = { everywhere: process.pid, nonce: Math.random() };
  assertEqual(await emitAck(sender, "emit-all-namespaces", payload), "ok", "ack");
  for (const [s, name] of [[root, "/"], [custom, "/custom"], [test, "/test"], [sender, "/test (sender)"]]) {
    let got;
    do got = await waitFor(s, "everywhere"); while (JSON.stringify(got[0]) !== JSON.stringify(payload));
    assertEqual(got, [payload], `${name} receives everywhere`);
  }
});
