// transports: upgrade
// Polling → websocket upgrade: 2probe/3probe, the pending GET is answered with a noop "6", then "5";
// afterwards traffic flows over the websocket and polling requests for the sid are refused.
import { scenario, pollingHandshake, http, engineUrl, wsUrl, openWebSocket, decodePayload, withTimeout, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    const { sid } = await pollingHandshake(path);
    const url = engineUrl(path, { EIO: "4", transport: "polling", sid });
    if (path === "/socket.io/") {
      // connect to "/" first, or the server's connectTimeout would end the session
      assertEqual((await http("POST", url, { body: "40" })).body, "ok", "POST CONNECT");
      const connectAnswer = await http("GET", url);
      assert(connectAnswer.body.startsWith("40{"), `CONNECT answer (got ${JSON.stringify(connectAnswer.body)})`);
    }
    // Pending or not when the probe succeeds, this GET is answered with a noop (at once, or as soon as it arrives).
    const pending = http("GET", url);
    const frames = [];
    let notify = () => {};
    const ws = await openWebSocket(wsUrl(path, { EIO: "4", transport: "websocket", sid }), undefined, (w) =>
      w.on("message", (d, isBinary) => { frames.push(isBinary ? Buffer.from(d) : d.toString()); notify(); }));
    const nextFrame = (pred = () => true) => withTimeout(new Promise((resolve) => {
      const check = () => {
        const i = frames.findIndex(pred);
        if (i >= 0) { notify = () => {}; resolve(frames.splice(i, 1)[0]); } else notify = check;
      };
      check();
    }), 5000, `a websocket frame on ${path}`);

    ws.send("2probe");
    assertEqual(await nextFrame(), "3probe", `${path} probe answer`);
    // The pending GET is answered with a noop so that the client can pause polling. On /socket.io/
    // a concurrent scenario's broadcast (`everywhere`) may complete the GET first: poll again then.
    let res = await pending;
    for (let i = 0; ; i++) {
      assertEqual(res.status, 200, `${path} pending GET status`);
      const pollPackets = decodePayload(res.body).filter((p) => p.type !== "ping");
      if (pollPackets.some((p) => p.type === "noop")) {
        assertEqual(pollPackets, [{ type: "noop", data: "" }], `${path} pending GET answered with a noop (body ${JSON.stringify(res.body)})`);
        break;
      }
      // A ping that fell due before the probe (a loaded machine) also completes the GET: poll again.
      assert(i < 5 && pollPackets.every((p) => p.type === "message" && path === "/socket.io/"),
        `${path} pending GET answered without a noop (body ${JSON.stringify(res.body)})`);
      res = await http("GET", url);
    }
    ws.send("5");

    if (path === "/engine.io/") {
      ws.send("4over websocket");
      assertEqual(await nextFrame((f) => f !== "2"), "4over websocket", "echo over the upgraded websocket");
    }
    // pings now arrive on the websocket and are answered there
    assertEqual(await nextFrame((f) => f === "2"), "2", `${path} ping over websocket`);
    ws.send("3");

    // polling is over for this session
    const after = await http("GET", url);
    assertEqual([after.status, after.body], [400, '{"code":3,"message":"Bad request"}'], `${path} GET after upgrade`);
    assert(ws.readyState === 1, `${path} websocket still open`);
    ws.close();
  }
});
