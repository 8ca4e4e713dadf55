// Namespace "/": the handshake's auth object comes back in the `auth` event.
import { scenario, connect, connected, waitFor, assertEqual } from "./lib.mjs";

scenario(async () => {
  const auth = { token: "abc", nested: { n: 1, list: [1, "two", null] }, unicode: "héllo 🌍" };
  const socket = connect("/", { auth });
  await connected(socket);
  const [received] = await waitFor(socket, "auth");
  assertEqual(received, auth, "auth echoed on /");

  // no auth given: the server sees an empty object
  const bare = connect("/");
  await connected(bare);
  const [empty] = await waitFor(bare, "auth");
  assertEqual(empty, {}, "auth echoed on / without auth");
});
