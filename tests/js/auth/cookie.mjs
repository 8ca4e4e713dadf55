// The cookie-protected namespace /members of tests/TypedSocketIO.Tests/Authorization: the cookie of a
// /login request, sent with the handshake. Run as `node auth/cookie.mjs <baseUrl> <transport> <case>`.
import { scenario, baseUrl, connect, connectOk, connectError, emitAck, assert, assertEqual } from "../scenarios/lib.mjs";

const which = process.argv[4];

async function login(query) {
  const res = await fetch(`${baseUrl}/login?${new URLSearchParams(query)}`);
  assertEqual(res.status, 200, "login status");
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  assert(cookie.length > 0, "login set a cookie");
  return { extraHeaders: { cookie } };
}

const cases = {
  member: async () => assertEqual(await emitAck(await connectOk("/members", await login({ name: "grace", member: "true" })), "whoami"), "grace", "user from the cookie"),
  "no-cookie": async () => {
    const err = await connectError(connect("/members"));
    assertEqual(err.message, "unauthorized", "connect_error message");
    assertEqual(err.data?.reason, "authentication required", "reason");
  },
  "not-a-member": async () => {
    const err = await connectError(connect("/members", await login({ name: "eve" })));
    assertEqual(err.message, "forbidden", "connect_error message");
    assert(typeof err.data?.reason === "string" && err.data.reason.length > 0, `a reason, got ${JSON.stringify(err.data)}`);
  },
};

scenario(async () => {
  const run = cases[which];
  if (!run) throw new Error(`unknown case ${which}`);
  await run();
});
