// An unknown namespace is refused with connect_error "Invalid namespace".
import { scenario, connect, connectError, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const socket = connect("/nope");
  const err = await connectError(socket);
  assertEqual(err.message, "Invalid namespace", "connect_error message");
  assert(!socket.connected, "socket is not connected");
});
