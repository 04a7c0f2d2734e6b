// What signing a generated MP4 costs (XMP box, then the C2PA manifest with a BMFF hash): CPU time and
// the peak of memory held in ArrayBuffers while one video is signed, in Node (the same V8 and the same
// code as the Worker; workerd freezes its clocks during CPU work, so Node's process.cpuUsage is used).
// Memory (process.memoryUsage().arrayBuffers) is sampled every millisecond and at the end, less the
// baseline with the video as read already held: what signing adds on top of holding the file.
// The signer is the local test one from .dev.vars (`node .ci/ensure-dev-vars.mjs` makes it).
// Usage: npx tsx bench/provenance/video.bench.ts [runs=7] [seconds=5]
import { readFileSync } from "node:fs";
import { renderDemoVideo } from "../../workers/generation/demo-media";
import { credentialSigner } from "../../workers/provenance/c2pa/signer";
import { stampVideo } from "../../workers/provenance/mark";
import { DIGITAL_SOURCE_TYPES } from "../../workers/provenance/xmp";

const runs = Number(process.argv[2] ?? 7);
const seconds = Number(process.argv[3] ?? 5);
const vars = Object.fromEntries(
  readFileSync(".dev.vars", "utf8")
    .split("\n")
    .map((line) => /^(C2PA_[A-Z_]+)=(.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], m[2]]),
);
const signer = credentialSigner(vars as { C2PA_SIGNING_KEY: string; C2PA_CERT_CHAIN: string });
if (!signer) throw new Error("No C2PA signer in .dev.vars: run node .ci/ensure-dev-vars.mjs");
const mark = { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: "Demo video (Ausar demo)" } as const;
const video = renderDemoVideo({ prompt: "waves over a quiet harbour", seed: 7, aspectRatio: "16:9", durationSeconds: seconds });
const bytes = new Uint8Array(await new Response(video.body).arrayBuffer());

const gc = (globalThis as { gc?: () => void }).gc;
const cpu: number[] = [];
const peaks: number[] = [];
let size = 0;
await stampVideo(bytes, "video/mp4", { mark, signer }); // import c2pa-ts, import the key
for (let i = 0; i < runs; i++) {
  gc?.();
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 1);
  const start = process.cpuUsage();
  const signed = await stampVideo(bytes, "video/mp4", { mark, signer });
  peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  const used = process.cpuUsage(start);
  clearInterval(sample);
  cpu.push((used.user + used.system) / 1000);
  peaks.push(peak - base);
  size = signed.byteLength;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(`demo MP4 16:9 ${seconds} s: ${bytes.byteLength} B, signed ${size} B (+${size - bytes.byteLength} B)`);
console.log(`CPU p50 ${median(cpu).toFixed(1)} ms (min ${Math.min(...cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)}), ${runs} runs`);
console.log(
  `ArrayBuffer peak above the file as read: p50 ${mb(median(peaks))} MB, max ${mb(Math.max(...peaks))} MB (${(Math.max(...peaks) / bytes.byteLength).toFixed(2)}× the file)`,
);
