// transports: polling
// A polling GET is held until there is data; a POST is answered "ok" and its echo completes the GET.
import { scenario, pollingHandshake, http, engineUrl, decodePayload, assertEqual, assert, fail } from "./lib.mjs";

scenario(async () => {
  const { sid } = await pollingHandshake("/engine.io/");
  const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
  let settled = false;
  const get = http("GET", url).finally(() => (settled = true));
  // the first ping is due 300 ms after the handshake: check the GET is still pending well before
  await new Promise((r) => setTimeout(r, 100));
  if (settled) fail(`the GET was answered at once: ${JSON.stringify(await get)}`);
  const post = await http("POST", url, { body: "4hello é 🚀" });
  assertEqual([post.status, post.body], [200, "ok"], "POST response");
  assert((post.headers.get("content-type") ?? "").startsWith("text/html"), `POST content-type (got ${post.headers.get("content-type")})`);
  const res = await get;
  assertEqual(res.status, 200, "GET status");
  const messages = decodePayload(res.body).filter((p) => p.type !== "ping");
  assertEqual(messages, [{ type: "message", data: "hello é 🚀" }], "GET answered with the echo");
});
