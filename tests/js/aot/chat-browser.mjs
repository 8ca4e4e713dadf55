// needs: browser
// Drives the Chat sample's page in a headless Chromium that is already running, through the
// Chrome DevTools Protocol, next to a Node socket.io-client in the same room:
//   node aot/chat-browser.mjs <baseUrl> <transport of the Node client> <DevTools base URL>
// e.g. node aot/chat-browser.mjs http://127.0.0.1:5000 websocket http://127.0.0.1:9222
//
// The page opens with ?nickname=ada&room=… and so connects and joins by itself; the scenario
// checks what the page shows (connection state, room, messages, acks, typing indicator) and what
// the Node client receives from it.
import WebSocket from "ws";
import {
  assert,
  assertEqual,
  baseUrl,
  connectOk,
  delay,
  emitAck,
  fail,
  scenario,
  show,
  waitFor,
  withTimeout,
} from "../scenarios/lib.mjs";

const devtools = (process.argv[4] ?? "").replace(/\/+$/, "");
if (!devtools) {
  console.error("usage: node aot/chat-browser.mjs <baseUrl> <transport> <DevTools base URL>");
  process.exit(2);
}

const PAGE_TIMEOUT = 10000;

/** A DevTools Protocol session with one page. */
class Page {
  static async open(url) {
    // A blank tab (PUT: recent Chromium refuses GET /json/new), then the page, so that script
    // errors are recorded from its very start.
    const res = await fetch(`${devtools}/json/new?about:blank`, { method: "PUT", signal: AbortSignal.timeout(PAGE_TIMEOUT) });
    if (!res.ok) fail(`DevTools /json/new: HTTP ${res.status} ${await res.text()}`);
    const page = new Page(await res.json());
    await page.connect();
    const navigation = await page.send("Page.navigate", { url });
    if (navigation.errorText) fail(`the page ${url} did not load: ${navigation.errorText}`);
    return page;
  }

  constructor(target) {
    this.target = target;
    this.nextId = 1;
    this.pending = new Map();
    this.exceptions = [];
  }

  connect() {
    this.ws = new WebSocket(this.target.webSocketDebuggerUrl);
    this.ws.on("error", () => {});
    this.ws.on("message", (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) pending?.reject(new Error(`${pending.method}: ${message.error.message}`));
        else pending?.resolve(message.result);
      } else if (message.method === "Runtime.exceptionThrown") {
        const details = message.params.exceptionDetails;
        this.exceptions.push(details.exception?.description ?? details.text);
      }
    });
    return withTimeout(
      new Promise((resolve, reject) => {
        this.ws.once("open", resolve);
        this.ws.once("error", (e) => reject(new Error(`DevTools websocket: ${e.message}`)));
      }),
      PAGE_TIMEOUT,
      "the DevTools websocket of the page",
    ).then(() => this.send("Runtime.enable"));
  }

  send(method, params = {}) {
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
    this.ws.send(JSON.stringify({ id, method, params }));
    return withTimeout(answer, PAGE_TIMEOUT, `DevTools ${method}`);
  }

  /** Evaluates `expression` in the page and returns its (JSON) value. */
  async evaluate(expression) {
    const result = await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (result.exceptionDetails) fail(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value;
  }

  /** Evaluates `expression` until it gives something truthy; fails with the last value after a timeout. */
  async waitFor(expression, what, timeout = PAGE_TIMEOUT) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      const value = await this.evaluate(expression).then(
        (v) => ({ v }),
        (e) => ({ error: e.message }), // e.g. while the page is still loading
      );
      if (value.v) return value.v;
      last = value.error ?? value.v;
      if (Date.now() > deadline) fail(`the page: timed out after ${timeout} ms waiting for ${what} (last: ${show(last)}; page state: ${show(await this.state())})`);
      await delay(100);
    }
  }

  /** What the page shows, for assertions and failure messages. */
  state() {
    return this.evaluate(`(() => ({
      status: document.getElementById("status").dataset.state,
      room: document.getElementById("current-room").dataset.room,
      loginError: document.getElementById("login-error").hidden ? null : document.getElementById("login-error").textContent,
      typing: document.getElementById("typing").textContent,
      messages: [...document.querySelectorAll("#messages li")].map((li) => ({
        kind: li.className,
        seq: li.dataset.seq ?? null,
        delivery: li.dataset.delivery ?? null,
        text: li.textContent,
      })),
    }))()`).catch((e) => `(${e.message})`);
  }

  async close() {
    this.ws?.terminate();
    await fetch(`${devtools}/json/close/${this.target.id}`, { method: "PUT", signal: AbortSignal.timeout(2000) }).catch(() => {});
  }
}

const pages = [];
async function openPage(query) {
  const page = await Page.open(`${baseUrl}/?${new URLSearchParams(query)}`);
  pages.push(page);
  return page;
}

scenario(async ({ transport }) => {
  const room = `browser-${process.pid}`;
  try {
    // Bob, a Node client, is in the room first.
    const bob = await connectOk("/chat", { auth: { nickname: "bob" } });
    await emitAck(bob, "join", room);

    // Ada's page connects and joins from its address.
    const page = await openPage({ nickname: "ada", room });
    await page.waitFor(
      `document.getElementById("status").dataset.state === "connected" && document.getElementById("current-room").dataset.room === ${JSON.stringify(room)}`,
      "the page to connect and join the room",
    );
    assertEqual(await page.evaluate(`document.getElementById("status").textContent`), "connected", "the status the page shows");
    assertEqual(
      await page.evaluate(`[document.getElementById("login").offsetParent === null, document.getElementById("chat").offsetParent !== null]`),
      [true, true],
      "[nickname form hidden, chat shown] once connected",
    );
    assertEqual(await waitFor(bob, "user_joined"), ["ada", room], "bob sees ada join");

    // Bob speaks: the page shows his message.
    const bobSequence = await emitAck(bob, "send", room, "hello ada");
    await page.waitFor(
      `[...document.querySelectorAll('#messages li[data-seq="${bobSequence}"]')].some((li) => li.querySelector(".nickname")?.textContent === "bob" && li.querySelector(".text")?.textContent === "hello ada")`,
      "bob's message on the page",
    );
    await waitFor(bob, "message"); // his own, from the broadcast

    // Bob types: the page says so.
    bob.emit("typing", room, true);
    await page.waitFor(`document.getElementById("typing").textContent === "bob is typing…"`, "the typing indicator");
    bob.emit("typing", room, false);
    await page.waitFor(`document.getElementById("typing").textContent === ""`, "the typing indicator to go away");

    // Ada types and sends from the page: bob gets both, the page shows the ack.
    await page.evaluate(`(() => {
      const input = document.getElementById("text");
      input.value = "hi bob";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    })()`);
    assertEqual(await waitFor(bob, "typing"), ["ada", true], "bob sees ada typing");
    await page.evaluate(`document.getElementById("send-form").requestSubmit()`);
    const [message] = await waitFor(bob, "message");
    assertEqual([message.room, message.nickname, message.text], [room, "ada", "hi bob"], "the message bob gets from the page");
    assertEqual(await waitFor(bob, "typing"), ["ada", false], "sending stops ada's typing indicator");
    const shown = await page.waitFor(
      `(() => {
        const li = document.querySelector('#messages li.mine[data-seq="${message.sequence}"][data-delivery="delivered"]');
        return li && li.querySelector(".ack").textContent;
      })()`,
      "the delivered ack of ada's message",
    );
    assertEqual(shown, `✓ #${message.sequence}`, "the ack the page shows");
    const mine = await page.evaluate(`document.querySelectorAll("#messages li.mine").length`);
    assertEqual(mine, 1, "ada's message shows once (the broadcast does not duplicate it)");

    // Leaving from the page: bob sees it, the page has no room.
    await page.evaluate(`document.getElementById("leave").click()`);
    assertEqual(await waitFor(bob, "user_left"), ["ada", room], "bob sees ada leave");
    await page.waitFor(`document.getElementById("current-room").dataset.room === "" && document.getElementById("text").disabled`, "the page to leave the room");

    // A nickname the server refuses: the page says why.
    const refused = await openPage({ nickname: "x".repeat(33), room });
    const error = await refused.waitFor(
      `document.getElementById("status").dataset.state === "refused" && document.getElementById("login-error").textContent`,
      "the page to show the refusal",
    );
    assertEqual(error, "nickname required: Pick a nickname of 1 to 32 characters.", "the refusal the page shows");
    assertEqual(
      await refused.evaluate(`[document.getElementById("login").offsetParent !== null, document.getElementById("chat").offsetParent === null]`),
      [true, true],
      "[nickname form shown, chat hidden] when refused",
    );

    for (const p of pages) assert(p.exceptions.length === 0, `no script errors in the page (got ${show(p.exceptions)})`);
    void transport;
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
});
