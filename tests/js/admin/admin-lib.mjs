// Helpers of the admin UI scenarios: the npm socket.io-client plays the UI's socket, connecting
// to /admin with { username, password } as the UI's connection form does.
//   node admin/NAME.mjs <baseUrl> <transport> <password> [more]
import { assert, connect, connected, fail, show, transportOptions, waitFor, withTimeout } from "../scenarios/lib.mjs";

export const USERNAME = "admin";
export const password = process.argv[4] ?? "";

export const ALL_FEATURES = ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS"];
export const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** The events only development mode sends. */
export const DEVELOPMENT_EVENTS = ["all_sockets", "socket_connected", "socket_updated", "socket_disconnected", "room_joined", "room_left", "event_received", "event_sent"];

/** An admin socket over WebSocket; `auth` defaults to the right credentials. */
export function admin(auth = { username: USERNAME, password }) {
  return connect("/admin", { auth, ...transportOptions("websocket") });
}

export async function adminOk(auth) {
  return connected(admin(auth));
}

/** A socket of the main namespace over WebSocket. */
export function user(nsp = "/", t = "websocket") {
  return connect(nsp, transportOptions(t));
}

/** Waits for the first `event` whose arguments satisfy `match`, dropping the others; one deadline for the whole wait. */
export async function waitForMatch(socket, event, match, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  const seen = [];
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) fail(`timed out waiting for "${event}" with ${what}; saw ${show(seen)}`);
    let args;
    try {
      args = await waitFor(socket, event, left);
    } catch {
      fail(`timed out waiting for "${event}" with ${what}; saw ${show(seen)}`);
    }
    if (match(...args)) return args;
    seen.push(args);
  }
}

export function assertIsoDate(value, what) {
  assert(typeof value === "string" && ISO_DATE.test(value) && Math.abs(Date.parse(value) - Date.now()) < 60_000, `${what} is a recent ISO date: ${show(value)}`);
}

/** The events of `names` still in the socket's inbox (received and not waited for). */
export function received(socket, names) {
  return socket._inbox.filter((e) => names.includes(e.event));
}

export { withTimeout };
