// transports: polling
// A handshake must be a GET: POST / PUT without sid → 400 {"code":2,"message":"Bad handshake method"}.
import { scenario, http, engineUrl, assertEqual } from "./lib.mjs";

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await http(method, engineUrl(path, { EIO: "4", transport: "polling" }), { body: method === "DELETE" ? undefined : "4x" });
      assertEqual([res.status, res.body], [400, '{"code":2,"message":"Bad handshake method"}'], `${path} ${method}`);
    }
    // a plain GET with transport=websocket (no upgrade) is a bad request
    const ws = await http("GET", engineUrl(path, { EIO: "4", transport: "websocket" }));
    assertEqual([ws.status, ws.body], [400, '{"code":3,"message":"Bad request"}'], `${path} GET transport=websocket without upgrade`);
  }
});
