// transports: polling
// Polling payloads carry several packets separated by \x1e, both ways.
import { scenario, pollingHandshake, http, engineUrl, decodePayload, assertEqual } from "./lib.mjs";

scenario(async () => {
  const { sid } = await pollingHandshake("/engine.io/");
  const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
  const post = await http("POST", url, { body: "4a\x1e4b b\x1e4\x1e4{\"json\":1}" });
  assertEqual([post.status, post.body], [200, "ok"], "POST");
  // no GET was pending: the four echoes are buffered and come back in one payload
  const res = await http("GET", url);
  assertEqual(res.status, 200, "GET status");
  const messages = decodePayload(res.body).filter((p) => p.type !== "ping");
  assertEqual(messages.map((m) => m.data), ["a", "b b", "", "{\"json\":1}"], `batched echo (body ${JSON.stringify(res.body)})`);
  const raw = res.body.split("\x1e").filter((p) => p !== "2");
  assertEqual(raw, ["4a", "4b b", "4", "4{\"json\":1}"], "exact encoding");
});
