// transports: polling
// A second concurrent GET is refused with 400 and closes the session (the GET that was pending gets
// the close packet). Which of the two is "second" is the server's to decide: they race on the wire.
import { scenario, pollingHandshake, http, engineUrl, assertEqual } from "./lib.mjs";

scenario(async () => {
  const { sid } = await pollingHandshake("/engine.io/");
  const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
  const answers = await Promise.all([http("GET", url), http("GET", url)]);
  const outcome = answers.map((a) => (a.status === 400 ? "refused" : `${a.status} ${a.body}`)).sort();
  assertEqual(outcome, ["200 1", "refused"], "one GET refused, the pending one answered with the close packet");
  const third = await http("GET", url);
  assertEqual([third.status, third.body], [400, '{"code":1,"message":"Session ID unknown"}'], "session closed");
});
