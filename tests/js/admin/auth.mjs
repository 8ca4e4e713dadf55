// The admin namespace's authentication, as Node's @socket.io/admin-ui checks it: a wrong
// password, a wrong user name, no credentials and an unknown session id are refused with
// "invalid credentials"; the right ones connect and get a session id, with which the UI
// reconnects without its password.
import { assert, assertEqual, connectError, connected, scenario, waitFor } from "../scenarios/lib.mjs";
import { USERNAME, admin, password } from "./admin-lib.mjs";

scenario(async () => {
  for (const [what, auth] of [
    ["a wrong password", { username: USERNAME, password: password + "x" }],
    ["a wrong user name", { username: "root", password }],
    ["no credentials", {}],
    ["an unknown session id", { sessionId: "0123456789abcdef0123456789abcdef" }],
  ]) {
    const err = await connectError(admin(auth));
    assertEqual(err.message, "invalid credentials", `the refusal of ${what}`);
  }

  const ui = await connected(admin());
  const [sessionId] = await waitFor(ui, "session");
  assert(/^[0-9a-f]{16,}$/.test(sessionId), `a session id of hex digits (Node: 16, here: 32): ${sessionId}`);
  const [config] = await waitFor(ui, "config");
  assert(Array.isArray(config.supportedFeatures), "config after the session");

  // The UI's page reload: it connects with the session id alone.
  const again = await connected(admin({ sessionId }));
  const [configAgain] = await waitFor(again, "config");
  assertEqual(configAgain, config, "the config of a session login");
});
