// The consumer web project of tests/TypedSocketIO.PackageTests (TypedSocketIO installed as a
// user installs it) serves /greeter: a handler's return value is the ack, and the typed client
// proxy emits to the caller.
//   node package/typed-ack.mjs <baseUrl> <transport>
import { assertEqual, connectOk, emitAck, scenario, waitFor } from "../scenarios/lib.mjs";

scenario(async () => {
  const socket = await connectOk("/greeter");

  assertEqual(await emitAck(socket, "add", 2, 3), 5, "the ack of add(2, 3)");

  socket.emit("hello", "ada");
  assertEqual(await waitFor(socket, "greeted"), ["hello, ada"], "the arguments of greeted");
});
