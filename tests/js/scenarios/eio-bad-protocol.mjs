// transports: websocket, polling
// EIO other than 4 (3, 5, missing) is refused: 400 {"code":5,"message":"Unsupported protocol version"}.
// Over websocket the reference completes the upgrade and then drops the connection without an open
// packet; an implementation that refuses the upgrade with HTTP 400 is accepted too.
import { scenario, transport, http, engineUrl, wsUrl, withTimeout, assertEqual, fail } from "./lib.mjs";
import WebSocket from "ws";

const BODY = '{"code":5,"message":"Unsupported protocol version"}';

function wsRefusedOrDropped(url) {
  return withTimeout(new Promise((resolve) => {
    const ws = new WebSocket(url);
    const frames = [];
    ws.on("error", () => {});
    ws.on("message", (d) => frames.push(d.toString()));
    ws.once("unexpected-response", (req, res) => { resolve({ status: res.statusCode, frames }); req.destroy(); });
    ws.once("close", () => resolve({ closed: true, frames }));
  }), 5000, `websocket ${url} to be refused or dropped`);
}

scenario(async () => {
  for (const path of ["/engine.io/", "/socket.io/"]) {
    for (const eio of ["3", "5", undefined]) {
      if (transport === "polling") {
        const res = await http("GET", engineUrl(path, { EIO: eio, transport: "polling" }));
        assertEqual([res.status, res.body], [400, BODY], `${path} EIO=${eio}`);
      } else {
        const res = await wsRefusedOrDropped(wsUrl(path, { EIO: eio, transport: "websocket" }));
        if (res.frames.some((f) => f.startsWith("0"))) fail(`${path} EIO=${eio}: got an open packet ${res.frames[0]}`);
        if (res.status !== undefined) assertEqual(res.status, 400, `${path} EIO=${eio} upgrade status`);
      }
    }
  }
});
