// The Worker's start-up cost in workerd: parsing, compiling and evaluating the deployed bundle.
// Builds the bundles exactly as deploys do (`wrangler deploy --dry-run --outdir`, development and
// production configuration), then, SAMPLES times each, starts a fresh Miniflare (a new workerd
// process, so a new isolate with nothing cached) with the bundle and wrangler.toml's bindings, waits
// until it is ready and sends one `GET /api/health`. A trivial Worker with the same bindings is the
// baseline, so workerd's own boot and the local D1/R2/queue simulators cancel out.
// workerd's clocks stand still during CPU work, so the Worker cannot time itself: the workerd
// process's CPU time is read from /proc (Linux, 10 ms ticks) after that first answer.
// Usage: node bench/startup/startup.bench.mjs [samples=15] [--extra-minified]  (--extra-minified adds the
// development bundle built with --minify, to see what minification alone does)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { quantile } from "../lib/stats.mjs";

const SAMPLES = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 15);
const WRANGLER = [process.execPath, resolve("node_modules/wrangler/bin/wrangler.js")];
const offline = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const work = mkdtempSync(join(tmpdir(), "ausar-startup-"));

/** `wrangler deploy --dry-run` into a folder of its own; returns the folder (index.js and any .wasm). */
function build(name, args) {
  const outdir = join(work, name);
  const result = spawnSync(WRANGLER[0], [WRANGLER[1], "deploy", "--dry-run", "--outdir", outdir, ...args], {
    encoding: "utf8",
    env: offline,
  });
  if (result.status !== 0) throw new Error(`wrangler deploy --dry-run ${args.join(" ")} failed:\n${result.stderr || result.stdout}`);
  return outdir;
}

function sizes(dir) {
  const files = readdirSync(dir);
  const size = (pattern) => files.filter((f) => pattern.test(f)).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  return { js: size(/\.m?js$/), wasm: size(/\.wasm$/) };
}

/** Child processes of this Node process (Miniflare's workerd among them). */
function childPids() {
  return readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean),
  );
}

/** User plus system CPU milliseconds of a process (all its threads). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ = 100
}

const { workerOptions } = unstable_getMiniflareWorkerOptions("wrangler.toml");
// Only what loading needs: the bindings (their local simulators run in the same workerd process).
const bindingOptions = {
  compatibilityDate: workerOptions.compatibilityDate,
  compatibilityFlags: workerOptions.compatibilityFlags,
  bindings: { ...workerOptions.bindings, JWT_SECRET: "startup-bench-secret-startup-bench-secret" },
  d1Databases: workerOptions.d1Databases,
  r2Buckets: workerOptions.r2Buckets,
  queueProducers: workerOptions.queueProducers,
  durableObjects: workerOptions.durableObjects,
};

/** One cold start: fresh workerd, ready, first answer. */
async function coldStart(script) {
  const persist = mkdtempSync(join(work, "state-"));
  const started = performance.now();
  const before = new Set(childPids());
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...bindingOptions,
      ...script,
      defaultPersistRoot: persist,
      // The bench's Worker must be found under the same name the bindings refer to.
      name: "ausar",
    }),
  );
  try {
    await mf.ready;
    const ready = performance.now() - started;
    const res = await mf.dispatchFetch("http://localhost/api/health");
    if (!res.ok) throw new Error(`GET /api/health answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    const answered = performance.now() - started;
    const workerd = childPids().filter((pid) => !before.has(pid));
    const cpu = workerd.reduce((sum, pid) => sum + cpuMs(pid), 0);
    return { ready, answered, cpu };
  } finally {
    await mf.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

/** The bundle's modules as workerd gets them on deploy: index.js first (the entry), each .wasm as a compiled module. */
const fromBundle = (dir) => ({
  modules: readdirSync(dir)
    .filter((f) => /\.(m?js|wasm)$/.test(f))
    .sort((a, b) => (a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b)))
    .map((f) => ({ type: f.endsWith(".wasm") ? "CompiledWasm" : "ESModule", path: f, contents: readFileSync(join(dir, f)) })),
});
const trivialDir = join(work, "trivial");
spawnSync("mkdir", ["-p", trivialDir]);
writeFileSync(join(trivialDir, "index.js"), `export class Account {}\nexport default { fetch: () => Response.json({ ok: true }) };\n`);

const variants = [
  { name: "baseline: trivial Worker, same bindings", dir: trivialDir },
  { name: "development (`wrangler deploy --dry-run`)", dir: build("development", []) },
  { name: "production (`--env production`)", dir: build("production", ["--env", "production"]) },
];
if (process.argv.includes("--extra-minified"))
  variants.push({ name: "development with --minify", dir: build("development-min", ["--minify"]) });

const median = (values) => quantile(values, 0.5);
try {
  const results = variants.map((v) => ({ ...v, samples: [] }));
  // Interleaved, so a load change on the shared machine hits every variant alike.
  for (let i = 0; i < SAMPLES; i++) {
    for (const r of results) r.samples.push(await coldStart(fromBundle(r.dir)));
  }
  const base = median(results[0].samples.map((s) => s.cpu));
  console.log(`${SAMPLES} cold starts each (load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
  for (const r of results) {
    const { js, wasm } = sizes(r.dir);
    const cpu = r.samples.map((s) => s.cpu);
    console.log(
      `${r.name}\n  JS ${(js / 1e6).toFixed(2)} MB, WASM ${(wasm / 1e6).toFixed(2)} MB; workerd CPU to first answer p50 ${median(cpu)} ms ` +
        `(min ${Math.min(...cpu)}; over baseline ${median(cpu) - base} ms); wall to ready p50 ${median(r.samples.map((s) => s.ready)).toFixed(0)} ms, ` +
        `to first answer p50 ${median(r.samples.map((s) => s.answered)).toFixed(0)} ms`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
