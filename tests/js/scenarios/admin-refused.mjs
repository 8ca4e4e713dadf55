// "/admin" middleware refuses without the right token: message "unauthorized", data {code:401}.
import { scenario, connect, connectError, assertEqual, expectNoEvent, QUIET_MS } from "./lib.mjs";

scenario(async () => {
  for (const auth of [undefined, { token: "wrong" }]) {
    const socket = connect("/admin", auth ? { auth } : {});
    const err = await connectError(socket);
    assertEqual(err.message, "unauthorized", `connect_error message (auth ${JSON.stringify(auth)})`);
    assertEqual(err.data, { code: 401 }, `connect_error data (auth ${JSON.stringify(auth)})`);
    await expectNoEvent(socket, "welcome", QUIET_MS / 3);
  }
});
