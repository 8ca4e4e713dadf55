// Namespace /typed of the reference server: the handlers of the C# test namespace
// (tests/TypedSocketIO.Tests/Typed/TypedNamespace.cs) written with socket.io's own API, so that
// tests/js/typed runs against Node too. The C# namespace binds each argument to a .NET type and
// does not call a handler whose arguments do not fit (no call, no ack, connection kept); `bound`
// below does the same check by hand, so the scenario's expectations hold for both servers.

/** Argument kinds of the C# handlers, as JSON values. */
const isInt32 = (v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
const kinds = {
  int: isInt32,
  long: Number.isSafeInteger,
  double: (v) => typeof v === "number",
  bool: (v) => typeof v === "boolean",
  string: (v) => typeof v === "string",
  "string?": (v) => v === null || typeof v === "string",
  bytes: (v) => Buffer.isBuffer(v),
  point: (v) => v !== null && typeof v === "object" && isInt32(v.x) && isInt32(v.y),
  json: () => true,
};

/**
 * Wraps `handler(...args)`: checks the arguments against `signature` (kinds; a kind ending in
 * "=" is optional), calls the handler and acks with what it returns. A handler returning
 * `undefined` acks with no argument (a C# void handler), an array marked `several` with each of
 * its items (a C# tuple). A handler that throws is not answered.
 */
function bound(signature, handler) {
  const required = signature.filter((k) => !k.endsWith("=")).length;
  return async (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    if (args.length < required || args.length > signature.length) return;
    const fits = args.every((arg, i) => kinds[signature[i].replace(/=$/, "")](arg));
    if (!fits) return;
    let result;
    try {
      result = await handler(...args);
    } catch (err) {
      // Like the C# dispatcher: logged on the server, nothing sent, the connection kept.
      console.error(`[reference] /typed handler threw (ignored): ${err?.message}`);
      return;
    }
    if (!ack) return;
    if (result === undefined) ack();
    else if (result?.[several]) ack(...result);
    else ack(result);
  };
}

const several = Symbol("several");
const tuple = (...items) => Object.assign(items, { [several]: true });

/** Attaches /typed to the socket.io server `io`; `track` records disconnect reasons. */
export function attachTypedNamespace(io, track) {
  const typed = io.of("/typed");
  let counted = 0;

  // on_connect(Socket, TypedAuth): true for "typed", a ConnectionRefusedException with data for
  // "throw", false otherwise (the generated code's refusal message).
  typed.use((socket, next) => {
    const key = socket.handshake.auth?.key;
    if (key === "typed") return next();
    const err = new Error(key === "throw" ? "not today" : "Connection rejected by server");
    if (key === "throw") err.data = { x: 4, y: 2 };
    next(err);
  });

  typed.on("connection", (socket) => {
    track(socket);
    const on = (event, signature, handler) => socket.on(event, bound(signature, handler));

    on("base_echo", ["string"], (text) => "base:" + text);
    on("who", [], () => "typed");
    on("echo_string", ["string"], (text) => text);
    on("echo_nullable", ["string?"], (text) => text);
    on("add", ["int", "int"], (a, b) => a + b);
    on("add_long", ["long", "long"], (a, b) => a + b);
    on("half", ["double"], (x) => x / 2);
    on("not", ["bool"], (value) => !value);
    on("reverse", ["bytes"], (data) => Buffer.from(data).reverse());
    on("length", ["bytes"], (data) => data.length);
    on("element", ["json"], (element) => element);
    on("move", ["point", "int="], (point, dx = 1) => ({ x: point.x + dx, y: point.y }));
    on("repeat", ["string", "int="], (text, times = 2) => text.repeat(times));
    on("task_value", ["int"], async (x) => x * 10);
    on("valuetask_value", ["int"], (x) => x + 1);
    on("task", [], () => {
      socket.data.task = true;
    });
    on("void", [], () => {});
    on("tuple", [], () => tuple(7, "seven"));
    on("wait", [], async () => true);
    on("camelCase", [], () => "camel");
    on("custom name", [], () => "custom");
    on("throw", [], () => {
      throw new Error("handler failed on purpose");
    });
    on("count", [], () => ++counted);
    on("ask_client", ["string"], async (text) => "client said " + (await socket.timeout(5000).emitWithAck("question", text)));
    on("poll_room", ["string"], async (room) => {
      socket.join(room);
      const answers = await typed.to(room).timeout(5000).emitWithAck("poll");
      return answers.reduce((sum, n) => sum + n, 0);
    });
    on("join", ["string"], (room) => {
      socket.join(room);
      return socket.rooms.size;
    });
    on("notify", ["string", "string"], (room, text) => {
      socket.to(room).emit("notice", text);
    });
    on("send_binary", ["bytes"], (data) => {
      socket.emit("bin", data);
    });
    on("send_local", ["string"], (place) => {
      socket.emit("local", place);
    });
  });
}
