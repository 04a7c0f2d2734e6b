// The CPU cost of marking a generated image (XMP) and of marking and signing it (XMP, then the C2PA
// manifest: data hash over the file, ES256 signature), inside workerd (Miniflare), on the demo
// provider's 1024×1024 PNG. workerd freezes its clocks during CPU work, so each request does N
// images and the workerd process's CPU time is read from /proc (Linux, 10 ms ticks) around it.
// The signer is the local test one from .dev.vars (`node .ci/ensure-dev-vars.mjs` makes it).
// Usage: node bench/provenance/sign.bench.mjs [runs=7] [n=50]
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { quantile } from "../lib/stats.mjs";

const runs = Number(process.argv[2] ?? 7);
const N = Number(process.argv[3] ?? 50);
const vars = Object.fromEntries(
  readFileSync(".dev.vars", "utf8")
    .split("\n")
    .map((line) => /^(C2PA_[A-Z_]+)=(.+)$/.exec(line))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);
if (!vars.C2PA_SIGNING_KEY) throw new Error("No C2PA signer in .dev.vars: run node .ci/ensure-dev-vars.mjs");
const outfile = join(mkdtempSync(join(tmpdir(), "ausar-provenance-")), "entry.mjs");
await build({
  entryPoints: [fileURLToPath(new URL("./entry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  // Resolve packages as wrangler does for a Worker.
  mainFields: ["browser", "module", "main"],
  conditions: ["workerd", "worker", "browser"],
  external: ["node:*"],
  target: "es2022",
  outfile,
  logLevel: "error",
});
const mf = new Miniflare(
  convertV4MiniflareOptions({
    compatibilityDate: "2026-11-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings: vars,
    modules: [{ type: "ESModule", path: "entry.mjs", contents: readFileSync(outfile, "utf8") }],
  }),
);

function childPids() {
  return readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean),
  );
}
function cpuMs(pids) {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return sum + (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ = 100
  }, 0);
}
async function cpuOf(path, pids) {
  const samples = [];
  let body;
  for (let i = 0; i < runs; i++) {
    const before = cpuMs(pids);
    const res = await mf.dispatchFetch(`http://localhost${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    body = await res.json();
    samples.push(cpuMs(pids) - before);
  }
  return { ms: quantile(samples, 0.5), body };
}

try {
  await mf.ready;
  const pids = childPids();
  await mf.dispatchFetch("http://localhost/stamp?n=1"); // draw the PNG, import the key, warm the isolate
  const noop = await cpuOf("/noop", pids);
  const marked = await cpuOf(`/mark?n=${N}`, pids);
  const stamped = await cpuOf(`/stamp?n=${N}`, pids);
  const per = (x) => ((x.ms - noop.ms) / N).toFixed(2);
  console.log(`PNG 1024×1024, ${stamped.body.original} B; marked ${marked.body.size} B; marked and signed ${stamped.body.size} B`);
  console.log(`noop request                 ${noop.ms} ms CPU`);
  console.log(`mark (XMP) per image         ${per(marked)} ms CPU p50`);
  console.log(`mark + sign (C2PA) per image ${per(stamped)} ms CPU p50`);
} finally {
  await mf.dispose();
}
