// transports: polling
// A second concurrent GET is refused with 400 and closes the session (the first GET gets the close packet).
import { scenario, pollingHandshake, http, engineUrl, assertEqual, delay } from "./lib.mjs";

scenario(async () => {
  const { sid } = await pollingHandshake("/engine.io/");
  const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
  const first = http("GET", url);
  await delay(20); // let the first GET reach the server first
  const second = await http("GET", url);
  assertEqual(second.status, 400, "second GET status");
  const firstRes = await first;
  assertEqual([firstRes.status, firstRes.body], [200, "1"], "first GET answered with the close packet");
  const third = await http("GET", url);
  assertEqual([third.status, third.body], [400, '{"code":1,"message":"Session ID unknown"}'], "session closed");
});
