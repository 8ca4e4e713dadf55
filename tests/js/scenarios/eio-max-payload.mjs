// transports: websocket, polling
// A message over maxPayload (1000000 bytes) is refused: polling POST → 413 (400 accepted),
// websocket → closed with 1009. A payload of exactly maxPayload is accepted.
import { scenario, transport, RawEngine, http, engineUrl, pollingHandshake, assert, assertEqual, MAX_PAYLOAD } from "./lib.mjs";

scenario(async () => {
  if (transport === "polling") {
    const { sid } = await pollingHandshake("/engine.io/");
    const url = engineUrl("/engine.io/", { EIO: "4", transport: "polling", sid });
    const ok = await http("POST", url, { body: "4" + "y".repeat(MAX_PAYLOAD - 1) });
    assertEqual([ok.status, ok.body], [200, "ok"], "POST of exactly maxPayload bytes");
    const echo = await http("GET", url);
    assert(echo.body.split("\x1e").some((p) => p.length === MAX_PAYLOAD), "echo of the maxPayload message");

    const big = await http("POST", url, { body: "4" + "x".repeat(MAX_PAYLOAD) }).catch((e) => ({ status: `error ${e.message}` }));
    assert(big.status === 413 || big.status === 400, `POST of maxPayload+1 bytes: expected 413 (or 400), got ${big.status}`);
    // Node's engine.io keeps the session after a 413 (it then dies of ping timeout unless pongs are sent);
    // closing it is accepted too. Either way the server keeps serving new sessions.
    const next = await pollingHandshake("/engine.io/");
    assert(next.sid, "a new session can be opened");
  } else {
    const e = await RawEngine.open("websocket", "/engine.io/");
    e.send("4" + "y".repeat(MAX_PAYLOAD - 1));
    assertEqual((await e.message()).data.length, MAX_PAYLOAD - 1, "echo of exactly maxPayload bytes");
    e.send("4" + "x".repeat(MAX_PAYLOAD));
    const info = await e.whenClosed();
    assertEqual(info.wsCode, 1009, "websocket close code");
  }
});
