// Runs every admin scenario against Node's own socket.io instrumented by @socket.io/admin-ui
// (reference-admin-server.mjs, one server per scenario with the settings it needs), proving the
// scenarios right before the .NET tests run them against TypedSocketIO.
//   node admin/run-reference.mjs        # ends with "N passed, N failed"
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const PASSWORD = "correct horse";
const RUN_TIMEOUT = 40000;

// scenario, server mode, readonly, server id, whether the scenario takes the server's pid and id
const RUNS = [
  ["auth", "development", "", ""],
  ["development-events", "development", "", ""],
  ["production", "production", "", ""],
  ["actions", "development", "", ""],
  ["readonly", "development", "readonly", ""],
  ["stats", "development", "", "test-server"],
];

function startServer(mode, readonly, serverId) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, "reference-admin-server.mjs"), "0", PASSWORD, mode, readonly, serverId], { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => { child.kill(); reject(new Error("the reference server did not start")); }, 10000);
    child.stdout.on("data", (data) => {
      const match = /listening (\d+) (\d+)/.exec(String(data));
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: match[1], pid: match[2] });
      }
    });
    child.on("exit", (code) => reject(new Error(`the reference server exited (${code})`)));
  });
}

function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, `${script}.mjs`), ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ADMIN_REFERENCE: "node" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill(), RUN_TIMEOUT);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

let passed = 0;
let failed = 0;
for (const [script, mode, readonly, serverId] of RUNS) {
  let server;
  try {
    server = await startServer(mode, readonly, serverId);
    const extra = script === "stats" ? [server.pid, serverId] : [];
    const result = await run(script, [`http://127.0.0.1:${server.port}`, "websocket", PASSWORD, ...extra]);
    if (result.ok) {
      passed++;
      console.log(`PASS admin/${script}`);
    } else {
      failed++;
      console.log(`FAIL admin/${script}\n${result.output.trim()}`);
    }
  } catch (error) {
    failed++;
    console.log(`FAIL admin/${script}\n${error.message}`);
  } finally {
    server?.child.kill();
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
