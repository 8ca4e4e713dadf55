// Node's own parsers as an oracle for the .NET tests (tests/TypedSocketIO.Tests/Oracle/).
//
// One process serves a whole test run. It reads one JSON request a line from stdin,
//   {"id": 1, "op": "sio.encode", "items": [...]}
// and answers each with one line on stdout, in order,
//   {"id": 1, "results": [{"ok": ...} | {"error": "..."}, ...]}
// Every item is handled on its own: one that throws answers {"error"} and the rest go on.
// Answers are pure ASCII: every code unit above 0x7e is written as \uXXXX, lone surrogates
// included, so that no text is lost between the two runtimes.
//
// Values travel tagged, so that undefined, -0, binary and key order survive JSON:
//   ["u"] undefined  ["z"] null  ["t"] true  ["f"] false  ["n", "1.5"] number (its text)
//   ["s", "text"]  ["b", "base64"] binary  ["a", [v, ...]]  ["o", [["key", v], ...]]
//
// Ops:
//   sio.encode     item {type, nsp, id?, data: v}        -> ["packet text", "base64 attachment", ...]
//   sio.decode     item {text, attachments: ["base64"]}  -> {type, nsp, id: "digits" | null, data: v}
//                  or {"incomplete": n} when the decoder still waits for n attachments
//   eio.encodePayload  item [{type, data?: "text"} | {type, binary: "base64"}]  -> "payload"
//   eio.decodePayload  item "base64 of the body's bytes"  -> [{type, data?: "text"} | {type, binary}]
//   eio.encodePacket   item {type, data?, binary?}  -> {text} | {binary}   (WebSocket: supportsBinary)
//   eio.decodePacket   item {text} | {binary}       -> {type, data?} | {type, binary}
import { createInterface } from "node:readline";
import { Encoder, Decoder } from "socket.io-parser";
import { encodePayload, decodePayload, encodePacket, decodePacket } from "engine.io-parser";

function fromTagged(v) {
  switch (v[0]) {
    case "u": return undefined;
    case "z": return null;
    case "t": return true;
    case "f": return false;
    case "n": return Number(v[1]);
    case "s": return v[1];
    case "b": return Buffer.from(v[1], "base64");
    case "a": return v[1].map(fromTagged);
    case "o": {
      const o = {};
      // defineProperty: a key "__proto__" is a property, as JSON.parse makes it, not the prototype.
      for (const [key, value] of v[1]) Object.defineProperty(o, key, { value: fromTagged(value), enumerable: true, writable: true, configurable: true });
      return o;
    }
    default: throw new Error("unknown tag " + v[0]);
  }
}

function toTagged(x) {
  if (x === undefined) return ["u"];
  if (x === null) return ["z"];
  if (x === true) return ["t"];
  if (x === false) return ["f"];
  if (typeof x === "number") return ["n", Object.is(x, -0) ? "-0" : String(x)];
  if (typeof x === "string") return ["s", x];
  if (Buffer.isBuffer(x) || x instanceof Uint8Array) return ["b", Buffer.from(x).toString("base64")];
  if (x instanceof ArrayBuffer) return ["b", Buffer.from(x).toString("base64")];
  if (Array.isArray(x)) return ["a", x.map(toTagged)];
  if (typeof x === "object") return ["o", Object.keys(x).map((k) => [k, toTagged(x[k])])];
  throw new Error("cannot tag a " + typeof x);
}

const base64 = (data) => Buffer.from(data).toString("base64");

const ops = {
  "sio.encode"(item) {
    const packet = { type: item.type, nsp: item.nsp, data: fromTagged(item.data) };
    if (item.id !== undefined && item.id !== null) packet.id = Number(item.id);
    const [text, ...attachments] = new Encoder().encode(packet);
    return [text, ...attachments.map(base64)];
  },
  "sio.decode"(item) {
    const decoder = new Decoder();
    let decoded = null;
    decoder.on("decoded", (packet) => { decoded = packet; });
    decoder.add(item.text);
    for (const attachment of item.attachments ?? []) decoder.add(Buffer.from(attachment, "base64"));
    if (decoded === null) {
      const waiting = decoder.reconstructor ? decoder.reconstructor.reconPack.attachments - decoder.reconstructor.buffers.length : 0;
      decoder.destroy();
      return { incomplete: waiting };
    }
    return {
      type: decoded.type,
      nsp: decoded.nsp,
      id: decoded.id === undefined ? null : String(decoded.id),
      data: toTagged(decoded.data),
    };
  },
  "eio.encodePayload"(item) {
    let payload = null;
    const packets = item.map((p) => (p.binary !== undefined ? { type: p.type, data: Buffer.from(p.binary, "base64") } : p));
    encodePayload(packets, (encoded) => { payload = encoded; });
    if (payload === null) throw new Error("encodePayload did not answer synchronously");
    return payload;
  },
  "eio.decodePayload"(item) {
    return decodePayload(Buffer.from(item, "base64").toString("utf8"), "nodebuffer").map(describeEnginePacket);
  },
  "eio.encodePacket"(item) {
    let encoded = null;
    const data = item.binary !== undefined ? Buffer.from(item.binary, "base64") : item.data;
    encodePacket({ type: item.type, data }, true, (e) => { encoded = e; });
    return typeof encoded === "string" ? { text: encoded } : { binary: base64(encoded) };
  },
  "eio.decodePacket"(item) {
    return describeEnginePacket(decodePacket(item.text ?? Buffer.from(item.binary, "base64"), "nodebuffer"));
  },
};

function describeEnginePacket(packet) {
  if (packet.data === undefined) return { type: packet.type };
  if (typeof packet.data === "string") return { type: packet.type, data: packet.data };
  return { type: packet.type, binary: base64(packet.data) };
}

const ascii = (json) => json.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (line.trim() === "") return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    process.stdout.write(ascii(JSON.stringify({ id: null, fatal: "unreadable request: " + e.message })) + "\n");
    return;
  }
  const op = ops[request.op];
  const results = (request.items ?? []).map((item) => {
    if (!op) return { error: "unknown op " + request.op };
    try {
      return { ok: op(item) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(ascii(JSON.stringify({ id: request.id, results })) + "\n");
});
// stdin closed: the test run is over.
lines.on("close", () => process.exit(0));
