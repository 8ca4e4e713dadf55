// Namespace "/custom": the handshake's auth object comes back in the `auth` event.
import { scenario, connect, connected, waitFor, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const auth = { user: "ada", id: 42 };
  const socket = connect("/custom", { auth });
  await connected(socket);
  assert(typeof socket.id === "string" && socket.id.length > 0, "socket.id is set");
  const [received] = await waitFor(socket, "auth");
  assertEqual(received, auth, "auth echoed on /custom");
});
