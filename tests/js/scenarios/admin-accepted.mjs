// "/admin" with token "secret" connects and receives `welcome` equal to its socket id.
import { scenario, connect, connected, waitFor, assertEqual } from "./lib.mjs";

scenario(async () => {
  const socket = connect("/admin", { auth: { token: "secret" } });
  await connected(socket);
  const [id] = await waitFor(socket, "welcome");
  assertEqual(id, socket.id, "welcome payload = socket.id");
});
