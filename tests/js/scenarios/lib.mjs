// Shared helpers for the end-to-end scenarios.
//
// A scenario is run as `node scenarios/NAME.mjs <baseUrl> <transport>`; it calls `scenario(fn)`,
// which parses the arguments, runs `fn`, closes every client it opened and exits 0 on success,
// or prints the failure to stderr and exits 1. Every wait has a timeout.
import { isDeepStrictEqual, inspect } from "node:util";
import { io } from "socket.io-client";
import WebSocket from "ws";

export const TRANSPORTS = ["websocket", "polling", "upgrade"];
export const DEFAULT_TIMEOUT = 5000;
/** How long a "this must NOT arrive" check waits. */
export const QUIET_MS = 300;
/** Hard limit for a whole scenario. */
const SCENARIO_TIMEOUT = 20000;

// Server options from TEST-SERVER.md
export const PING_INTERVAL = 300;
export const PING_TIMEOUT = 200;
export const MAX_PAYLOAD = 1_000_000;
export const CONNECT_TIMEOUT = 1000;

export const baseUrl = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
export const transport = process.argv[3] ?? "websocket";
if (!TRANSPORTS.includes(transport)) {
  console.error(`unknown transport "${transport}" (expected one of ${TRANSPORTS.join(", ")})`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Failures and assertions
// ---------------------------------------------------------------------------------------------
export class ScenarioError extends Error {}

export function fail(message) {
  throw new ScenarioError(message);
}

export const show = (v) =>
  inspect(v, { depth: 6, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 });

export function assert(condition, message) {
  if (!condition) fail(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, what = "value") {
  if (!isDeepStrictEqual(actual, expected)) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Normalizes every binary value (Buffer, ArrayBuffer, typed array) to a Buffer, recursively. */
export function normalizeBinary(value) {
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(normalizeBinary);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeBinary(v)]));
  }
  return value;
}

export function isBinary(value) {
  return Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

// ---------------------------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------------------------
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with a clear message if `promise` does not settle within `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new ScenarioError(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Re-evaluates `check` (sync or async) every `interval` ms until it returns something other than
 * undefined/null/false, and returns that value; fails after `timeout` ms.
 * Use it for server-side state that is not pushed as an event (e.g. `reason-of`).
 */
export async function waitUntil(check, what, { timeout = DEFAULT_TIMEOUT, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last !== undefined && last !== null && last !== false) return last;
    if (Date.now() >= deadline) fail(`timed out after ${timeout} ms waiting for ${what} (last: ${show(last)})`);
    await delay(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// Socket.IO clients
// ---------------------------------------------------------------------------------------------
const openSockets = new Set();
const openRaw = new Set();

export function transportOptions(t = transport) {
  switch (t) {
    case "websocket":
      return { transports: ["websocket"], upgrade: false };
    case "polling":
      return { transports: ["polling"], upgrade: false };
    case "upgrade":
      return { transports: ["polling", "websocket"], upgrade: true, rememberUpgrade: false };
    default:
      throw new Error(`unknown transport ${t}`);
  }
}

/**
 * Creates a socket.io-client socket for namespace `nsp` (its own Manager unless `opts.manager`
 * is given). Every incoming event, plus connect / connect_error / disconnect, is recorded from
 * the start into an inbox so that `waitFor` never misses an event that arrived early.
 */
export function connect(nsp = "/", opts = {}) {
  const { manager, ...rest } = opts;
  const socket = manager
    ? manager.socket(nsp, rest)
    : io(baseUrl + nsp, {
        forceNew: true,
        reconnection: false,
        timeout: DEFAULT_TIMEOUT,
        ...transportOptions(),
        ...rest,
      });
  attachInbox(socket);
  openSockets.add(socket);
  return socket;
}

function attachInbox(socket) {
  socket._inbox = [];
  socket._waiters = [];
  const push = (event, args) => {
    const idx = socket._waiters.findIndex((w) => w.event === event);
    if (idx >= 0) {
      const [w] = socket._waiters.splice(idx, 1);
      w.resolve(args);
    } else {
      socket._inbox.push({ event, args });
    }
  };
  socket.onAny((event, ...args) => push(event, args));
  socket.on("connect", () => push("connect", []));
  socket.on("connect_error", (err) => push("connect_error", [err]));
  socket.on("disconnect", (reason, description) => push("disconnect", [reason, description]));
}

/** Waits for the next `event` on `socket` (recorded since the socket was created); resolves with its argument array. */
export function waitFor(socket, event, timeout = DEFAULT_TIMEOUT) {
  const idx = socket._inbox.findIndex((e) => e.event === event);
  if (idx >= 0) return Promise.resolve(socket._inbox.splice(idx, 1)[0].args);
  const p = new Promise((resolve) => socket._waiters.push({ event, resolve }));
  return withTimeout(p, timeout, `event "${event}" on ${socket.nsp}`).catch((e) => {
    socket._waiters = socket._waiters.filter((w) => w.event !== event);
    throw e;
  });
}

/** Asserts that `event` does not arrive on `socket` within `ms`. */
export async function expectNoEvent(socket, event, ms = QUIET_MS) {
  const got = await waitFor(socket, event, ms).then(
    (args) => args,
    () => undefined,
  );
  if (got !== undefined) fail(`${socket.nsp}: did not expect "${event}" but received ${show(got)}`);
}

/**
 * Waits until `socket` is connected (fails on connect_error). With the `upgrade` transport it
 * also waits until the engine has upgraded to websocket, so the scenario then runs over it.
 */
export async function connected(socket, timeout = DEFAULT_TIMEOUT) {
  if (!socket.connected) {
    const winner = await Promise.race([
      waitFor(socket, "connect", timeout).then(() => "connect"),
      waitFor(socket, "connect_error", timeout).then(([err]) => err),
    ]);
    if (winner !== "connect") fail(`${socket.nsp}: connect_error ${show(winner?.message)} ${show(winner?.data)}`);
  }
  if (transport === "upgrade") await upgraded(socket, timeout);
  return socket;
}

/** Waits until the engine behind `socket` runs on websocket. */
export async function upgraded(socket, timeout = DEFAULT_TIMEOUT) {
  const engine = socket.io.engine;
  if (engine.transport?.name === "websocket") return;
  await withTimeout(new Promise((resolve) => engine.once("upgrade", resolve)), timeout, "the upgrade to websocket");
}

/** Connects and waits for the connection, see `connected`. */
export async function connectOk(nsp = "/", opts = {}) {
  return connected(connect(nsp, opts));
}

/** Waits for a connect_error and returns the Error. */
export async function connectError(socket, timeout = DEFAULT_TIMEOUT) {
  const winner = await Promise.race([
    waitFor(socket, "connect", timeout).then(() => null),
    waitFor(socket, "connect_error", timeout).then(([err]) => err),
  ]);
  if (!winner) fail(`${socket.nsp}: expected a connect_error but the socket connected`);
  return winner;
}

/** Emits with an ack and resolves with the ack's first argument (all arguments with `all`). */
export async function emitAck(socket, event, ...args) {
  const res = await withTimeout(
    new Promise((resolve) => socket.emit(event, ...args, (...ackArgs) => resolve(ackArgs))),
    DEFAULT_TIMEOUT,
    `the ack of "${event}" on ${socket.nsp}`,
  );
  return res[0];
}

/** Emits with an ack and resolves with every ack argument. */
export function emitAckAll(socket, event, ...args) {
  return withTimeout(
    new Promise((resolve) => socket.emit(event, ...args, (...ackArgs) => resolve(ackArgs))),
    DEFAULT_TIMEOUT,
    `the ack of "${event}" on ${socket.nsp}`,
  );
}

/** A connected `/test` socket used to query server-side records. */
export async function observer() {
  return connectOk("/test", transportOptions("websocket"));
}

/** Polls `reason-of` until the server has recorded a reason for `socketId`. */
export function reasonOf(obs, socketId, timeout = DEFAULT_TIMEOUT) {
  return waitUntil(() => emitAck(obs, "reason-of", socketId), `a recorded disconnect reason for ${socketId}`, { timeout });
}

// ---------------------------------------------------------------------------------------------
// Raw Engine.IO (fetch / ws)
// ---------------------------------------------------------------------------------------------
export function engineUrl(path = "/engine.io/", query = {}) {
  const url = new URL(baseUrl + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

export function wsUrl(path = "/engine.io/", query = {}) {
  const url = engineUrl(path, query);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** fetch with a timeout; resolves with { status, headers, body } (body as text). */
export async function http(method, url, { body, headers, timeout = DEFAULT_TIMEOUT, signal } = {}) {
  const res = await fetch(url, {
    method,
    body,
    headers,
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeout)]) : AbortSignal.timeout(timeout),
  }).catch((e) => {
    if (e.name === "TimeoutError") fail(`timed out after ${timeout} ms waiting for the response to ${method} ${url}`);
    if (e.name === "AbortError") throw e;
    fail(`${method} ${url} failed: ${e.cause?.message ?? e.message}`);
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text };
}

/** Engine.IO v4 payload decoding: packets separated by \x1e, binary as "b" + base64. */
export function decodePayload(body) {
  if (body === "") return [];
  return body.split("\x1e").map(decodeTextPacket);
}

export function decodeTextPacket(str) {
  if (str.startsWith("b")) return { type: "message", binary: true, data: Buffer.from(str.slice(1), "base64") };
  const types = { 0: "open", 1: "close", 2: "ping", 3: "pong", 4: "message", 5: "upgrade", 6: "noop" };
  const type = types[str[0]];
  if (!type) fail(`undecodable Engine.IO packet ${show(str)}`);
  return { type, data: str.slice(1) };
}

export function encodePacket(p) {
  if (Buffer.isBuffer(p)) return "b" + p.toString("base64");
  return p;
}

export function encodePayload(packets) {
  return packets.map(encodePacket).join("\x1e");
}

/** Does the polling handshake; returns { sid, open, status, body }. */
export async function pollingHandshake(path = "/engine.io/", query = {}) {
  const res = await http("GET", engineUrl(path, { EIO: "4", transport: "polling", ...query }));
  if (res.status !== 200) fail(`polling handshake: HTTP ${res.status} ${res.body}`);
  if (!res.body.startsWith("0")) fail(`polling handshake: expected an open packet, got ${show(res.body)}`);
  const open = JSON.parse(res.body.slice(1));
  return { sid: open.sid, open, ...res };
}

/** Opens a raw WebSocket; resolves once open (fails on an HTTP error response). */
export function openWebSocket(url, timeout = DEFAULT_TIMEOUT, setup = () => {}) {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  setup(ws); // attach listeners before the first message can arrive
  trackWs(ws);
  return withTimeout(
    new Promise((resolve, reject) => {
      ws.once("open", () => resolve(ws));
      ws.once("unexpected-response", (req, res) => {
        reject(new ScenarioError(`websocket ${url}: unexpected HTTP ${res.statusCode}`));
        req.destroy();
      });
      ws.once("error", (e) => reject(new ScenarioError(`websocket ${url}: ${e.message}`)));
    }),
    timeout,
    `websocket ${url} to open`,
  );
}

/** Attempts a WebSocket connection that must be refused; resolves with { status, body }. */
export function refusedWebSocket(url, timeout = DEFAULT_TIMEOUT) {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  return withTimeout(
    new Promise((resolve, reject) => {
      ws.once("open", () => {
        ws.terminate();
        reject(new ScenarioError(`websocket ${url}: expected the upgrade to be refused, but it opened`));
      });
      ws.once("unexpected-response", (req, res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode, body, headers: res.headers }));
        res.on("error", () => resolve({ status: res.statusCode, body, headers: res.headers }));
      });
      ws.once("error", (e) => resolve({ status: null, error: e.message }));
    }),
    timeout,
    `websocket ${url} to be refused`,
  );
}

/** Waits for a ws 'close'; resolves with { code, reason }. */
export function wsClosed(ws, timeout = DEFAULT_TIMEOUT) {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve({ code: ws._closeCode, reason: "" });
  return withTimeout(
    new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }))),
    timeout,
    "the websocket to close",
  );
}

function trackWs(ws) {
  openRaw.add({ close: () => ws.terminate() });
}

/**
 * A raw Engine.IO v4 client over "websocket" or "polling", recording every packet it receives.
 * - `autoPong`: answer server pings (default true).
 * - packets: { type, data, binary? }
 */
export class RawEngine {
  constructor(kind, path) {
    this.kind = kind;
    this.path = path;
    this.packets = [];
    this.waiters = [];
    this.autoPong = true;
    this.closed = false;
    this.closeInfo = null;
    this.closeWaiters = [];
    this.pollAbort = new AbortController();
    openRaw.add(this);
  }

  /** kind: "websocket" | "polling" (anything else → polling). */
  static async open(kind = "websocket", path = "/engine.io/", { autoPong = true, query = {} } = {}) {
    const c = new RawEngine(kind === "websocket" ? "websocket" : "polling", path);
    c.autoPong = autoPong;
    if (c.kind === "websocket") {
      c.ws = await openWebSocket(wsUrl(path, { EIO: "4", transport: "websocket", ...query }), DEFAULT_TIMEOUT, (ws) => {
        ws.on("message", (data, isBinary) => {
          c._receive(isBinary ? { type: "message", binary: true, data: Buffer.from(data) } : decodeTextPacket(data.toString()));
        });
        ws.on("close", (code) => c._closed({ wsCode: code }));
      });
      const open = await c.next("open");
      c.open = JSON.parse(open.data);
      c.sid = c.open.sid;
      c.openedAt = open.receivedAt;
    } else {
      const hs = await pollingHandshake(path, query);
      c.open = hs.open;
      c.sid = hs.sid;
      c.openedAt = Date.now();
      c._pollLoop();
    }
    return c;
  }

  get url() {
    return engineUrl(this.path, { EIO: "4", transport: "polling", sid: this.sid });
  }

  async _pollLoop() {
    while (!this.closed) {
      let res;
      try {
        res = await http("GET", this.url, { timeout: 60000, signal: this.pollAbort.signal });
      } catch (e) {
        this._closed({ error: e.message });
        return;
      }
      if (res.status !== 200) {
        this._closed({ status: res.status, body: res.body });
        return;
      }
      for (const p of decodePayload(res.body)) this._receive(p);
    }
  }

  _receive(p) {
    // When each packet arrived (and when its ping was answered): windows measured from these
    // leave out handshake time and the scenario's own scheduling.
    // (Not enumerable: scenarios compare packets whole.)
    Object.defineProperty(p, "receivedAt", { value: Date.now() });
    if (p.type === "ping" && this.autoPong && !this.closed) {
      this.send("3" + p.data);
      Object.defineProperty(p, "pongSentAt", { value: Date.now() });
    }
    this.packets.push(p);
    const idx = this.waiters.findIndex((w) => w.match(p));
    if (idx >= 0) {
      const [w] = this.waiters.splice(idx, 1);
      this.packets.splice(this.packets.indexOf(p), 1);
      w.resolve(p);
    }
    if (p.type === "close") this._closed({ closePacket: true });
  }

  _closed(info) {
    if (this.closed) return;
    this.closed = true;
    this.closeInfo = info;
    this.closedAt = Date.now();
    for (const w of this.closeWaiters) w(info);
    this.closeWaiters = [];
  }

  /** Sends packets: strings are encoded Engine.IO packets ("4hello"), Buffers are binary messages. */
  async send(...packets) {
    if (this.kind === "websocket") {
      for (const p of packets) if (this.ws.readyState === WebSocket.OPEN) this.ws.send(p, { binary: Buffer.isBuffer(p) });
      return { status: 200, body: "ok" };
    }
    const res = await http("POST", this.url, { body: encodePayload(packets) }).catch((e) => ({ status: null, body: e.message }));
    return res;
  }

  /** Waits for the next packet of `type` (and `pred`), ignoring others (they stay recorded). */
  next(type, pred = () => true, timeout = DEFAULT_TIMEOUT) {
    const match = (p) => (type === undefined || p.type === type) && pred(p);
    const idx = this.packets.findIndex(match);
    if (idx >= 0) return Promise.resolve(this.packets.splice(idx, 1)[0]);
    let waiter;
    const p = new Promise((resolve) => {
      waiter = { match, resolve };
      this.waiters.push(waiter);
    });
    return withTimeout(p, timeout, `a "${type}" packet on raw ${this.kind} ${this.path}`).catch((e) => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      throw e;
    });
  }

  /** Waits for the next Engine.IO message (type 4) whose data satisfies pred. */
  message(pred = () => true, timeout) {
    return this.next("message", (p) => pred(p.data), timeout);
  }

  /** Resolves with close info once the server has closed the session. */
  whenClosed(timeout = DEFAULT_TIMEOUT) {
    if (this.closed) return Promise.resolve(this.closeInfo);
    return withTimeout(new Promise((resolve) => this.closeWaiters.push(resolve)), timeout, `the raw ${this.kind} session ${this.sid} to be closed by the server`);
  }

  /** Client-side abrupt close (ws.terminate / abort the pending GET). */
  abort() {
    this.closed = true;
    if (this.ws) this.ws.terminate();
    this.pollAbort.abort();
  }

  close() {
    this.abort();
  }
}

/**
 * A raw Socket.IO connection: Engine.IO session + namespace CONNECT. Resolves with
 * { engine, sid } where sid is the Socket.IO socket id from the CONNECT answer.
 */
export async function rawSocketIO(kind, nsp = "/test", { autoPong = true } = {}) {
  const engine = await RawEngine.open(kind, "/socket.io/", { autoPong });
  const prefix = nsp === "/" ? "" : `${nsp},`;
  await engine.send(`40${prefix}`);
  const ans = await engine.message((d) => typeof d === "string" && (d.startsWith(`0${prefix}`) || d.startsWith(`4${prefix}`)));
  if (!ans.data.startsWith(`0${prefix}`)) fail(`raw CONNECT to ${nsp}: got ${show(ans.data)}`);
  const { sid } = JSON.parse(ans.data.slice(1 + prefix.length));
  return { engine, sid };
}

// ---------------------------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------------------------
function closeAll() {
  for (const s of openSockets) {
    try {
      s.io.engine?.close?.();
      s.disconnect();
    } catch {}
  }
  for (const r of openRaw) {
    try {
      r.close();
    } catch {}
  }
}

/** Runs the scenario body and exits the process with 0 (pass) or 1 (fail). */
export function scenario(body) {
  const name = process.argv[1]?.split(/[\\/]/).pop()?.replace(/\.mjs$/, "");
  const hard = setTimeout(() => {
    console.error(`FAIL ${name} [${transport}]: the scenario did not finish within ${SCENARIO_TIMEOUT} ms`);
    closeAll();
    process.exit(1);
  }, SCENARIO_TIMEOUT);
  Promise.resolve()
    .then(() => body({ baseUrl, transport }))
    .then(
      () => {
        clearTimeout(hard);
        closeAll();
        process.exit(0);
      },
      (err) => {
        clearTimeout(hard);
        const msg = err instanceof ScenarioError ? err.message : err?.stack ?? String(err);
        console.error(`FAIL ${name} [${transport}] against ${baseUrl}: ${msg}`);
        closeAll();
        process.exit(1);
      },
    );
}
