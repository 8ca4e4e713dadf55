// transports: polling
// Engine.IO handshake over polling, at /engine.io/ and /socket.io/.
import { scenario, http, engineUrl, decodePayload, assertEqual, assert, PING_INTERVAL, PING_TIMEOUT, MAX_PAYLOAD } from "./lib.mjs";

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    const res = await http("GET", engineUrl(path, { EIO: "4", transport: "polling" }));
    assertEqual(res.status, 200, `${path} status`);
    assert((res.headers.get("content-type") ?? "").startsWith("text/plain"), `${path} content-type text/plain (got ${res.headers.get("content-type")})`);
    const packets = decodePayload(res.body);
    assertEqual(packets.length, 1, `${path} one packet in the handshake response (${JSON.stringify(res.body)})`);
    assertEqual(packets[0].type, "open", `${path} open packet`);
    const open = JSON.parse(packets[0].data);
    assert(typeof open.sid === "string" && open.sid.length > 0, `${path} sid`);
    assertEqual(Object.keys(open).sort(), ["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"], `${path} open packet keys`);
    assertEqual(open.upgrades, ["websocket"], `${path} upgrades`);
    assertEqual(open.pingInterval, PING_INTERVAL, `${path} pingInterval`);
    assertEqual(open.pingTimeout, PING_TIMEOUT, `${path} pingTimeout`);
    assertEqual(open.maxPayload, MAX_PAYLOAD, `${path} maxPayload`);
    // the session exists: a POST is accepted
    const post = await http("POST", engineUrl(path, { EIO: "4", transport: "polling", sid: open.sid }), { body: "1" });
    assertEqual([post.status, post.body], [200, "ok"], `${path} POST on the new session`);
  }
  // two handshakes give two different sids
  const a = await http("GET", engineUrl("/engine.io/", { EIO: "4", transport: "polling" }));
  const b = await http("GET", engineUrl("/engine.io/", { EIO: "4", transport: "polling" }));
  assert(JSON.parse(a.body.slice(1)).sid !== JSON.parse(b.body.slice(1)).sid, "distinct sids");
});
