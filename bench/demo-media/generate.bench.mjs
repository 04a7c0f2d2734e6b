// Times the demo media generator inside workerd (Miniflare, as in `wrangler dev`): a 1024×1024 image, a poster
// and a 5-second video. workerd freezes its clocks during CPU work, so the Worker cannot time itself; this
// measures from outside both the request's wall time and the CPU time the workerd process spent on it
// (from /proc, Linux only), which stays meaningful on a busy machine. Usage: node bench/demo-media/generate.bench.mjs [runs]
import { readdirSync, readFileSync } from "node:fs";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { quantile } from "../lib/stats.mjs";
import { bundleDemoMedia } from "./bundle.mjs";

const runs = Number(process.argv[2] ?? 11);
const worker = `
import { renderDemoImage, renderDemoVideo, renderDemoPoster } from "./demo-media.mjs";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const prompt = url.searchParams.get("prompt") ?? "timing";
    if (url.pathname === "/image") return new Response(await renderDemoImage({ prompt, seed: 1, width: 1024, height: 1024 }));
    if (url.pathname === "/poster") return new Response(await renderDemoPoster({ prompt, seed: 1, aspectRatio: "16:9", durationSeconds: 5 }));
    if (url.pathname === "/video") {
      const video = renderDemoVideo({ prompt, seed: 1, aspectRatio: "16:9", durationSeconds: 5 });
      return new Response(video.body, { headers: { "content-length": String(video.bytes) } });
    }
    return new Response("ok");
  },
};`;

const bundle = await bundleDemoMedia();
const mf = new Miniflare(
  convertV4MiniflareOptions({
    compatibilityDate: "2026-11-01",
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: worker },
      { type: "ESModule", path: "demo-media.mjs", contents: readFileSync(bundle, "utf8") },
    ],
  }),
);

/** Child processes of this Node process (Miniflare's workerd among them). */
function childPids() {
  return readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean),
  );
}

/** User plus system CPU milliseconds of the given processes and their threads. */
function cpuMs(pids) {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return sum + (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  }, 0);
}

async function time(path, i, pids) {
  const started = performance.now();
  const cpuBefore = cpuMs(pids);
  const res = await mf.dispatchFetch(`http://localhost${path}?prompt=run-${i}`);
  const bytes = (await res.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, cpu: cpuMs(pids) - cpuBefore, bytes };
}

const median = (values) => quantile(values, 0.5);
try {
  await mf.ready;
  const pids = childPids();
  for (const path of ["/noop", "/image", "/poster", "/video"]) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await time(path, i, pids));
    const ms = samples.map((s) => s.ms);
    const cpu = samples.map((s) => s.cpu);
    console.log(
      `${path.padEnd(8)} wall median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)})  ` +
        `workerd CPU median ${median(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)})  bytes ${median(samples.map((s) => s.bytes))}`,
    );
  }
} finally {
  await mf.dispose();
}
