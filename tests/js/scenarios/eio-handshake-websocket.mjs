// transports: websocket
// Engine.IO handshake over websocket: the first frame is the open packet, with no upgrades.
import { scenario, RawEngine, assertEqual, assert, PING_INTERVAL, PING_TIMEOUT, MAX_PAYLOAD } from "./lib.mjs";

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    const e = await RawEngine.open("websocket", path);
    const open = e.open;
    assert(typeof open.sid === "string" && open.sid.length > 0, `${path} sid`);
    assertEqual(open.upgrades, [], `${path} upgrades`);
    assertEqual(open.pingInterval, PING_INTERVAL, `${path} pingInterval`);
    assertEqual(open.pingTimeout, PING_TIMEOUT, `${path} pingTimeout`);
    assertEqual(open.maxPayload, MAX_PAYLOAD, `${path} maxPayload`);
  }
});
