// `disconnect-me` true: the server closes the whole connection.
import { scenario, connect, connected, observer, reasonOf, waitFor, assertEqual } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const root = connect("/");
  await connected(root);
  const s = connect("/test", { manager: root.io });
  await connected(s);
  const id = s.id, rootId = root.id;
  s.emit("disconnect-me", true);
  const [reason] = await waitFor(s, "disconnect");
  assertEqual(reason, "io server disconnect", "client-side reason on /test");
  const [rootReason] = await waitFor(root, "disconnect");
  assertEqual(rootReason === "io server disconnect" || rootReason === "transport close", true,
    `"/" on the same connection is disconnected too (reason ${JSON.stringify(rootReason)})`);
  assertEqual(await reasonOf(obs, id), "server namespace disconnect", "server-side reason");
});
