import * as L from "./scenarios/lib.mjs";
const log = (...a) => console.log(...a);
// concurrent GET
{
  const hs = await L.pollingHandshake();
  const url = L.engineUrl("/engine.io/", {EIO:"4",transport:"polling",sid:hs.sid});
  const g1 = L.http("GET", url);
  await L.delay(50);
  const g2 = await L.http("GET", url);
  log("second GET", g2.status, JSON.stringify(g2.body));
  const r1 = await g1; log("first GET", r1.status, JSON.stringify(r1.body));
  const g3 = await L.http("GET", url); log("third GET", g3.status, g3.body);
}
// 413
{
  const hs = await L.pollingHandshake();
  const url = L.engineUrl("/engine.io/", {EIO:"4",transport:"polling",sid:hs.sid});
  const t0 = Date.now();
  const p = await L.http("POST", url, {body: "4" + "x".repeat(1000000)}).catch(e => ({err: e.message}));
  log("big POST", p.status, JSON.stringify(p.body ?? p.err));
  const g = await L.http("GET", url); log("GET after big POST", g.status, JSON.stringify(g.body), Date.now()-t0);
  const g2 = await L.http("GET", url); log("GET2 after big POST", g2.status, JSON.stringify(g2.body), Date.now()-t0);
}
// client close over polling with pending GET
{
  const hs = await L.pollingHandshake();
  const url = L.engineUrl("/engine.io/", {EIO:"4",transport:"polling",sid:hs.sid});
  const g1 = L.http("GET", url);
  await L.delay(50);
  const p = await L.http("POST", url, {body: "1"}); log("close POST", p.status, p.body);
  const r1 = await g1; log("pending GET after close", r1.status, JSON.stringify(r1.body));
  const g3 = await L.http("GET", url); log("GET after close", g3.status, g3.body);
}
// client close over polling without pending GET
{
  const hs = await L.pollingHandshake();
  const url = L.engineUrl("/engine.io/", {EIO:"4",transport:"polling",sid:hs.sid});
  const p = await L.http("POST", url, {body: "1"}); log("close POST (no GET)", p.status, p.body);
  const g3 = await L.http("GET", url); log("GET after close", g3.status, g3.body);
}
// websocket client close
{
  const e = await L.RawEngine.open("websocket");
  const t0=Date.now();
  e.send("1");
  const c = await e.whenClosed(); log("ws close after 1:", JSON.stringify(c), Date.now()-t0);
}
// websocket big message
{
  const e = await L.RawEngine.open("websocket");
  e.send("4" + "x".repeat(1000000));
  const c = await e.whenClosed(); log("ws close after big:", JSON.stringify(c));
}
{
  const e = await L.RawEngine.open("websocket");
  e.send("4" + "x".repeat(999999));
  const m = await e.message(); log("ws echo 1000000 len", m.data.length);
}
process.exit(0);
