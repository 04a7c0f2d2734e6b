// Times the provider adapters' own CPU work inside workerd (Miniflare): verifying and mapping a fal webhook
// (Ed25519 over the JWKS, cached) and a Replicate webhook (Standard Webhooks HMAC), and decoding an OpenAI
// answer of four ~3 MiB base64 PNGs into streams. workerd freezes its clocks during CPU work, so each request
// does N operations and the workerd process's CPU time is read from /proc (Linux only) around it; signing
// is timed alone and subtracted. Usage: node bench/providers/adapters.bench.mjs [runs]
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { quantile } from "../lib/stats.mjs";

const runs = Number(process.argv[2] ?? 7);
const outfile = join(mkdtempSync(join(tmpdir(), "ausar-providers-")), "entry.mjs");
await build({
  entryPoints: [fileURLToPath(new URL("./entry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile,
  logLevel: "error",
});
const mf = new Miniflare(
  convertV4MiniflareOptions({
    compatibilityDate: "2026-11-01",
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
  for (let i = 0; i < runs; i++) {
    const before = cpuMs(pids);
    const res = await mf.dispatchFetch(`http://localhost${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    samples.push(cpuMs(pids) - before);
  }
  return quantile(samples, 0.5);
}

try {
  await mf.ready;
  const pids = childPids();
  const N = 2000;
  await mf.dispatchFetch("http://localhost/fal?n=1"); // warm the JWKS cache and the isolate
  await mf.dispatchFetch("http://localhost/openai-warm");
  const noop = await cpuOf("/noop", pids);
  const falBoth = await cpuOf(`/fal?n=${N}`, pids);
  const falSign = await cpuOf(`/sign-fal?n=${N}`, pids);
  const repBoth = await cpuOf(`/replicate?n=${N}`, pids);
  const repSign = await cpuOf(`/sign-replicate?n=${N}`, pids);
  const openai = await cpuOf("/openai?n=3", pids);
  const per = (both, sign) => ((both - sign) / N).toFixed(3);
  console.log(`noop request                         ${noop.toFixed(0)} ms CPU`);
  console.log(
    `fal webhook verify + map (each)      ${per(falBoth, falSign)} ms CPU   (sign+verify ${N}: ${falBoth} ms, sign ${N}: ${falSign} ms)`,
  );
  console.log(
    `Replicate webhook verify + map (each) ${per(repBoth, repSign)} ms CPU   (sign+verify ${N}: ${repBoth} ms, sign ${N}: ${repSign} ms)`,
  );
  console.log(`OpenAI 4 × 3 MiB answer parse + decode (each) ${((openai - noop) / 3).toFixed(0)} ms CPU`);
} finally {
  await mf.dispose();
}
