// transports: websocket, polling
// An unknown sid is refused: 400 {"code":1,"message":"Session ID unknown"} (websocket: HTTP 400 on the upgrade).
import { scenario, transport, http, engineUrl, wsUrl, refusedWebSocket, assertEqual } from "./lib.mjs";

const BODY = '{"code":1,"message":"Session ID unknown"}';

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    if (transport === "polling") {
      const url = engineUrl(path, { EIO: "4", transport: "polling", sid: "does-not-exist" });
      const get = await http("GET", url);
      assertEqual([get.status, get.body], [400, BODY], `${path} GET`);
      assertEqual(get.headers.get("content-type"), "application/json", `${path} content-type`);
      const post = await http("POST", url, { body: "4x" });
      assertEqual([post.status, post.body], [400, BODY], `${path} POST`);
    } else {
      const res = await refusedWebSocket(wsUrl(path, { EIO: "4", transport: "websocket", sid: "does-not-exist" }));
      assertEqual(res.status, 400, `${path} websocket upgrade status`);
    }
  }
});
