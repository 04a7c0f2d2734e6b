// Memory while a 200 MB video streams in (the real `putStream`: R2 multipart upload in 8 MiB parts when
// the length is unknown, one FixedLengthStream put when it is known) and back out (the real `deliver`, as
// `GET /media/:id` uses it), inside workerd via Miniflare with R2 persisted to disk. Each scenario runs in
// a fresh workerd process (allocators keep freed memory, so a second measurement in the same process
// would hide growth); its resident memory (VmRSS from /proc) is sampled every 20 ms from a warmed-up
// baseline. A deliberately buffering upload is measured the same way as a control. Local R2 runs in
// the same workerd process, so "our code alone" runs against a sink bucket and a generated source too.
// Usage: node bench/gallery/memory.bench.mjs [megabytes]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const MB = 1024 * 1024;
const total = Number(process.argv[2] ?? 200) * MB;
const dir = mkdtempSync(join(tmpdir(), "ausar-media-memory-"));
const outfile = join(dir, "entry.mjs");
await build({
  entryPoints: [fileURLToPath(new URL("./memory-entry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile,
  logLevel: "error",
});
// R2 on disk, shared by the fresh workerd of each scenario (objects put in one are read in the next).
const options = {
  ...convertV4MiniflareOptions({
    compatibilityDate: "2026-11-01",
    modules: [{ type: "ESModule", path: "entry.mjs", contents: readFileSync(outfile, "utf8") }],
    r2Buckets: ["MEDIA"],
  }),
  resourcePersistencePath: join(dir, "state"),
};

/** The workerd processes this script started (esbuild's service process is a child too). */
function workerdPids() {
  return readdirSync(`/proc/${process.pid}/task`)
    .flatMap((task) => readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
    .filter((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd");
}
function rssMb(pids) {
  return pids.reduce((sum, pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return sum + (match ? Number(match[1]) / 1024 : 0);
  }, 0);
}

/** `size` bytes, generated 64 KiB at a time and sent without a Content-Length (chunked). */
function source(size) {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(64 * 1024, size - sent);
      const chunk = new Uint8Array(n);
      chunk[0] = sent & 0xff;
      sent += n;
      controller.enqueue(chunk);
    },
  });
}

async function upload(mf, path, key, size, known = false) {
  const query = `key=${key}${known ? `&bytes=${size}` : ""}`;
  const res = await mf.dispatchFetch(`http://localhost${path}?${query}`, { method: "POST", body: source(size), duplex: "half" });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).bytes;
}

async function download(mf, key, range, path = "/get", size = total) {
  const res = await mf.dispatchFetch(`http://localhost${path}?key=${key}&bytes=${size}`, { headers: range ? { Range: range } : {} });
  if (!res.ok) throw new Error(`get: ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return { status: res.status, contentLength: Number(res.headers.get("Content-Length")), bytes };
}

/** Runs `fn` in a fresh workerd after a small warm-up, sampling its RSS; returns the peak growth. */
async function scenario(name, fn) {
  const mf = new Miniflare(options);
  try {
    await mf.ready;
    await upload(mf, "/put", "warm", MB);
    await download(mf, "warm");
    await new Promise((r) => setTimeout(r, 500));
    const pids = workerdPids();
    const before = rssMb(pids);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssMb(pids))), 20);
    const t0 = performance.now();
    const result = await fn(mf);
    clearInterval(timer);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `${name.padEnd(44)} RSS ${Math.round(before)} → ${Math.round(peak)} MiB (+${Math.round(peak - before)}) ${seconds} s ${JSON.stringify(result)}`,
    );
  } finally {
    await mf.dispose();
  }
}

try {
  console.log(`object: ${total / MB} MiB; workerd resident memory before → peak`);
  // Our code alone, at the size and at five times it: streaming shows the same bounded growth (V8
  // collects the passing chunks once enough external memory accrues); buffering would grow fivefold.
  await scenario("ours alone in: putStream → sink bucket", (mf) => upload(mf, "/sink-put", "sink", total));
  await scenario("ours alone in, 5× the size", (mf) => upload(mf, "/sink-put", "sink", total * 5));
  await scenario("ours alone out: deliver ← generated stream", (mf) => download(mf, "gen", undefined, "/generated-get"));
  await scenario("ours alone out, 5× the size", (mf) => download(mf, "gen5", undefined, `/generated-get`, total * 5));
  await scenario("in: putStream, length unknown (multipart)", (mf) => upload(mf, "/put", "multipart", total));
  await scenario("in: putStream, length known (one put)", (mf) => upload(mf, "/put", "single", total, true));
  await scenario("out: deliver 200, multipart object", (mf) => download(mf, "multipart"));
  await scenario("out: deliver 200, single-put object", (mf) => download(mf, "single"));
  await scenario("out: deliver 206, last MiB (seek)", (mf) => download(mf, "multipart", `bytes=${total - MB}-`));
  await scenario("control: whole body buffered, then put", (mf) => upload(mf, "/put-buffered", "control", total));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
