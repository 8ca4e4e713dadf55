// Runs every scenario × transport against the reference server (started here on a free port)
// or against the server at the given base URL: tests/js/scenarios, tests/js/typed and the
// tests/js/aot scenarios that need no browser.
//
//   node run-all.mjs                      # start reference-server.mjs, run everything
//   node run-all.mjs http://127.0.0.1:5000  # run against an already running server
//   node run-all.mjs --list               # print [{name, transports}] as JSON (scenarios.json)
//   node run-all.mjs [baseUrl] --only a,b # run only the named scenarios (typed/NAME, aot/NAME too)
//
// A scenario declares its transports with a first-lines comment `// transports: websocket, polling`;
// without one it runs on all of websocket, polling and upgrade.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const ALL_TRANSPORTS = ["websocket", "polling", "upgrade"];
const PARALLEL = Number(process.env.SCENARIO_PARALLEL ?? 2); // two cores: more only adds timing noise
const RUN_TIMEOUT = 30000;

/**
 * The scenarios of one folder: [{name, transports, file}], sorted. `prefix` goes before each
 * name ("typed/" for tests/js/typed). A file whose first lines say `// needs: browser` takes
 * more than a base URL and a transport and is left out.
 */
function scenariosIn(dir, prefix = "") {
  return readdirSync(join(here, dir))
    .filter((f) => f.endsWith(".mjs") && f !== "lib.mjs")
    .sort()
    .flatMap((file) => {
      const head = readFileSync(join(here, dir, file), "utf8").split("\n").slice(0, 5);
      if (head.some((l) => /^\/\/\s*needs:\s*browser\b/.test(l))) return [];
      const decl = head.map((l) => l.match(/^\/\/\s*transports:\s*(.+)$/)).find(Boolean);
      const transports = decl
        ? decl[1].split(/[\s,]+/).filter(Boolean)
        : ALL_TRANSPORTS;
      for (const t of transports) {
        if (!ALL_TRANSPORTS.includes(t)) throw new Error(`${dir}/${file}: unknown transport "${t}"`);
      }
      return [{ name: prefix + file.replace(/\.mjs$/, ""), transports, file: join(dir, file) }];
    });
}

/** The scenarios of tests/js/scenarios: what scenarios.json lists and the C# test server runs. */
export function listScenarios() {
  return scenariosIn("scenarios").map(({ name, transports }) => ({ name, transports }));
}

/**
 * Everything the reference runs: tests/js/scenarios, then the scenarios of the typed namespace
 * (tests/js/typed, run on our side by JsClientTypedNamespaceTests) and of the Chat sample
 * (tests/js/aot, run on our side against the NativeAOT binary by ChatAotTests).
 */
function allScenarios() {
  return [...scenariosIn("scenarios"), ...scenariosIn("typed", "typed/"), ...scenariosIn("aot", "aot/")];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startReference() {
  return new Promise(async (resolve, reject) => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(here, "reference-server.mjs"), String(port)], {
      cwd: here,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`reference server did not start within 10 s\n${err}`));
    }, 10000);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, baseUrl: `http://127.0.0.1:${m[1]}`, stderr: () => err });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code}\n${err}`));
    });
  });
}

function runOne(baseUrl, { name, file }, transport) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(here, file), baseUrl, transport], {
      cwd: here,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\nkilled after ${RUN_TIMEOUT} ms`;
      child.kill("SIGKILL");
    }, RUN_TIMEOUT);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ name, transport, ok: code === 0, code: code ?? signal, output: output.trim(), ms: Date.now() - started });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--list")) {
    process.stdout.write(JSON.stringify(listScenarios(), null, 2) + "\n");
    return 0;
  }
  const onlyIdx = args.indexOf("--only");
  const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1].split(",")) : null;
  const positional = args.filter((a, i) => !a.startsWith("--") && !(onlyIdx >= 0 && i === onlyIdx + 1));
  let baseUrl = positional[0];
  let reference = null;
  if (!baseUrl) {
    reference = await startReference();
    baseUrl = reference.baseUrl;
  }
  const runs = allScenarios()
    .filter((s) => !only || only.has(s.name))
    .flatMap((s) => s.transports.map((t) => [s, t]));
  const t0 = Date.now();
  console.log(`running ${runs.length} scenario runs against ${baseUrl}${reference ? " (reference server)" : ""}`);

  const results = [];
  let next = 0;
  async function worker() {
    while (next < runs.length) {
      const [scenario, transport] = runs[next++];
      const { name } = scenario;
      const r = await runOne(baseUrl, scenario, transport);
      results.push(r);
      if (r.ok) console.log(`PASS ${name} [${transport}] (${r.ms} ms)`);
      else console.log(`FAIL ${name} [${transport}] (exit ${r.code}, ${r.ms} ms)\n${r.output.replace(/^/gm, "    ")}`);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, runs.length) }, worker));
  } finally {
    if (reference) {
      reference.child.kill("SIGTERM");
      if (reference.child.exitCode === null) {
        await new Promise((r) => {
          const t = setTimeout(() => { reference.child.kill("SIGKILL"); r(); }, 2000);
          reference.child.once("exit", () => { clearTimeout(t); r(); });
        });
      }
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (failed && reference && process.env.SHOW_REFERENCE_STDERR) console.log(`reference server stderr:\n${reference.stderr()}`);
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? String(err));
    process.exit(1);
  },
);
