// The JWT-protected namespaces of tests/TypedSocketIO.Tests/Authorization (TypedSocketIO only: Node has
// no [Authorize]). Run as `node auth/jwt.mjs <baseUrl> <transport> <case> <tokens as JSON>`, where
// the tokens are { valid, admin, minor, expired, wrongKey } minted by the C# test.
import {
  scenario, connect, connectOk, connectError, emitAck, assert, assertEqual, withTimeout, delay, QUIET_MS,
} from "../scenarios/lib.mjs";

const [, , , , which, tokensJson] = process.argv;
const tokens = JSON.parse(tokensJson ?? "{}");
const bearer = (token) => ({ extraHeaders: { Authorization: `Bearer ${token}` } });

/** Expects a CONNECT_ERROR with `message` and a `data.reason` containing `reasonPart`. */
async function refused(socket, message, reasonPart) {
  const err = await connectError(socket);
  assertEqual(err.message, message, "connect_error message");
  assert(typeof err.data?.reason === "string" && err.data.reason.includes(reasonPart),
    `connect_error reason should contain "${reasonPart}", got ${JSON.stringify(err.data)}`);
}

/** Emits without an ack; resolves with whatever the server answers within the quiet period (nothing, it should be). */
async function noAnswer(socket, event) {
  socket.emit(event);
  await delay(QUIET_MS);
}

const cases = {
  // The token from each place a client can put it.
  header: async () => assertEqual(await emitAck(await connectOk("/jwt", bearer(tokens.valid)), "whoami"), "ada", "user from the header"),
  query: async () => assertEqual(await emitAck(await connectOk("/jwt", { query: { access_token: tokens.valid } }), "whoami"), "ada", "user from the query"),
  auth: async () => assertEqual(await emitAck(await connectOk("/jwt", { auth: { token: tokens.valid } }), "whoami"), "ada", "user from the auth payload"),

  // Refusals: no token, an expired one, one signed with another key.
  none: () => refused(connect("/jwt"), "unauthorized", "authentication required"),
  "expired-header": () => refused(connect("/jwt", bearer(tokens.expired)), "unauthorized", "expired"),
  "expired-auth": () => refused(connect("/jwt", { auth: { token: tokens.expired } }), "unauthorized", "expired"),
  "wrong-key-query": () => refused(connect("/jwt", { query: { access_token: tokens.wrongKey } }), "unauthorized", "ignature"),
  "wrong-key-auth": () => refused(connect("/jwt", { auth: { token: tokens.wrongKey } }), "unauthorized", "ignature"),

  // Per event: a role and a policy the user lacks are refused with an error ack, and the handler is not called.
  roles: async () => {
    const user = await connectOk("/jwt", bearer(tokens.minor));
    const before = await emitAck(user, "admin_calls"); // the server is shared by the other runs
    const denied = await emitAck(user, "admin_only");
    assertEqual(denied?.message, "forbidden", "admin_only refused");
    assert(typeof denied?.data?.reason === "string", `a reason, got ${JSON.stringify(denied)}`);
    await noAnswer(user, "admin_only");
    assertEqual(await emitAck(user, "admin_calls"), before, "no refused event reached the handler");
    assertEqual((await emitAck(user, "adults"))?.message, "forbidden", "the Adult policy refuses a minor");

    const admin = await connectOk("/jwt", { auth: { token: tokens.admin } });
    assertEqual(await emitAck(admin, "admin_only"), "admin ok", "admin passes the role check");
    assertEqual(await emitAck(admin, "adults"), "adult ok", "an adult passes the policy");
    assertEqual(await emitAck(admin, "admin_calls"), before + 1, "one call, the admin's");
  },

  // [AllowAnonymous] on on_connect and on one handler: anonymous clients connect and reach it only.
  anonymous: async () => {
    const guest = await connectOk("/lobby");
    assertEqual(await emitAck(guest, "hello"), "hello", "the AllowAnonymous handler answers a guest");
    const denied = await emitAck(guest, "secret");
    assertEqual(denied?.message, "unauthorized", "the class's [Authorize] still guards the other handlers");
    assertEqual(denied?.data?.reason, "authentication required", "the reason");

    const user = await connectOk("/lobby", { auth: { token: tokens.valid } });
    assertEqual(await emitAck(user, "secret"), "secret for ada", "an authenticated user reaches it");
  },
};

scenario(async () => {
  const run = cases[which];
  if (!run) throw new Error(`unknown case ${which}`);
  await withTimeout(run(), 15000, which);
});
