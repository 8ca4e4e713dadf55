// transports: websocket, polling
// An unknown transport is refused: 400 {"code":0,"message":"Transport unknown"}.
import { scenario, transport, http, engineUrl, wsUrl, refusedWebSocket, assertEqual } from "./lib.mjs";

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    if (transport === "polling") {
      for (const t of ["foo", ""]) {
        const res = await http("GET", engineUrl(path, { EIO: "4", transport: t }));
        assertEqual([res.status, res.body], [400, '{"code":0,"message":"Transport unknown"}'], `${path} transport=${JSON.stringify(t)}`);
      }
      const missing = await http("GET", engineUrl(path, { EIO: "4" }));
      assertEqual([missing.status, missing.body], [400, '{"code":0,"message":"Transport unknown"}'], `${path} no transport`);
    } else {
      const res = await refusedWebSocket(wsUrl(path, { EIO: "4", transport: "foo" }));
      assertEqual(res.status, 400, `${path} websocket upgrade with transport=foo`);
    }
  }
});
