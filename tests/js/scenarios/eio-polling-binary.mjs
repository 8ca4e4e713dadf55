// transports: polling
// Binary over polling is "b" + base64, both ways, and can be mixed with text in a payload.
import { scenario, pollingHandshake, http, engineUrl, decodePayload, assertEqual } from "./lib.mjs";

scenario(async () => {
  const { sid } = await pollingHandshake("/engine.io/");
  const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
  const bin = Buffer.from([0, 1, 2, 253, 254, 255]);
  const post = await http("POST", url, { body: `b${bin.toString("base64")}\x1e4text\x1ebAQID` });
  assertEqual([post.status, post.body], [200, "ok"], "POST");
  const res = await http("GET", url);
  const raw = res.body.split("\x1e").filter((p) => p !== "2");
  assertEqual(raw, [`b${bin.toString("base64")}`, "4text", "bAQID"], `echo encoding (body ${JSON.stringify(res.body)})`);
  const messages = decodePayload(raw.join("\x1e"));
  assertEqual(messages[0].data, bin, "binary decoded");
  assertEqual(messages[2].data, Buffer.from([1, 2, 3]), "second binary decoded");
});
