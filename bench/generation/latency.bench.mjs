// Submit-to-succeeded latency of generations with the offline demo provider, and the platform's own
// share of it. Starts a fresh `wrangler dev` (DEMO_DELAY_MS=0 unless given: `--delay 1500`), signs up
// 10 users, and runs one closed loop per user: POST /api/generations (demo-image, 1 image), then waits
// for the `{type:"job"}` message saying it succeeded on the user's `/api/live` socket (polling would
// load the Worker it measures). Afterwards the jobs' own timestamps are read from local D1:
// platform = (finished_at − created_at) − provider_ms.
// Usage: node bench/generation/latency.bench.mjs [--users 10] [--jobs 20] [--delay 0] [--config wrangler.toml] [--json]
// (`--config`: another build's wrangler.toml, e.g. bench/provenance/overhead.bench.mjs's unmarked copy;
// `--json`: a last line with the figures, for that bench to read.)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { summarise } from "../lib/stats.mjs";
import { verifyEmail } from "../lib/verify-email.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const USERS = arg("users", 10);
const JOBS_PER_USER = arg("jobs", 20);
const DELAY_MS = arg("delay", 0);
const CONFIG = process.argv.includes("--config") ? process.argv[process.argv.indexOf("--config") + 1] : undefined;
const SAFETY_POLL_MS = 2000;

function cookiesOf(res) {
  return res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function signUp(url, i) {
  const email = `bench-${Date.now()}-${i}@example.com`;
  const res = await fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": `10.90.0.${i + 1}` },
    body: JSON.stringify({ email, password: "correct-horse-battery-staple-42", name: "Bench", ageConfirmed: true, acceptPolicies: true }),
  });
  if (res.status !== 201) throw new Error(`sign-up ${res.status}: ${await res.text()}`);
  await verifyEmail(url, email);
  return cookiesOf(res);
}

/** A user's live socket: resolves waiters when their job's terminal message arrives. */
async function liveChannel(url, cookie) {
  const waiters = new Map();
  const seen = new Map();
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/live`, { headers: { Cookie: cookie } });
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve, { once: true });
    ws.addEventListener("error", reject, { once: true });
  });
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    if (message.type !== "job" || !["succeeded", "failed", "canceled"].includes(message.job.status)) return;
    const at = performance.now();
    seen.set(message.job.id, { at, job: message.job });
    waiters.get(message.job.id)?.({ at, job: message.job });
  });
  return {
    close: () => ws.close(),
    /** Resolves with the time the terminal message arrived (a slow safety poll covers a lost message). */
    wait(id) {
      if (seen.has(id)) return Promise.resolve(seen.get(id));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`job ${id} did not finish within 120 s`)), 120_000);
        const poll = setInterval(async () => {
          try {
            const res = await fetch(`${url}/api/generations/${id}`, { headers: { Cookie: cookie } });
            const { job } = await res.json();
            if (["succeeded", "failed", "canceled"].includes(job.status)) waiters.get(id)?.({ at: performance.now(), job });
          } catch (error) {
            reject(new Error(`polling job ${id} failed: ${error.message} (did the local Worker stop?)`));
          }
        }, SAFETY_POLL_MS);
        waiters.set(id, (value) => {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(value);
        });
      });
    },
  };
}

async function runJob(url, user, n) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/generations`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: user.cookie },
    body: JSON.stringify({ model: "demo-image", prompt: `bench prompt ${n}`, aspectRatio: "1:1" }),
  });
  if (res.status !== 202) throw new Error(`submit ${res.status}: ${await res.text()}`);
  const { job } = await res.json();
  const { at, job: done } = await user.live.wait(job.id);
  if (done.status !== "succeeded") throw new Error(`job ${job.id} ${done.status}: ${done.error?.message}`);
  return { id: job.id, ms: at - t0 };
}

function jobTimings(persistTo, ids) {
  const sql = `SELECT id, created_at, started_at, provider_ms, finished_at FROM jobs WHERE id IN (${ids.map((id) => `'${id}'`).join(",")})`;
  const out = spawnSync(
    process.execPath,
    [
      resolve("node_modules/wrangler/bin/wrangler.js"),
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persistTo,
      "--json",
      "--command",
      sql,
    ],
    { encoding: "utf8", env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" }, maxBuffer: 64 * 1024 * 1024 },
  );
  if (out.status !== 0) throw new Error(out.stderr || out.stdout);
  return JSON.parse(out.stdout)[0].results;
}

/** Whether a stored output carries the marks (the XMP digital source type and a C2PA manifest store's JUMBF label). */
async function marksOf(url, cookie, id) {
  const res = await fetch(`${url}/api/generations/${id}`, { headers: { Cookie: cookie } });
  const { job } = await res.json();
  const file = await fetch(new URL(job.media[0].url, url), { headers: { Cookie: cookie } });
  const text = Buffer.from(await file.arrayBuffer()).toString("latin1");
  return { xmp: text.includes("digitalsourcetype/trainedAlgorithmicMedia"), c2pa: text.includes("c2pa.actions") };
}

const worker = await startLocalWorker({ config: CONFIG, vars: { DEMO_DELAY_MS: String(DELAY_MS) }, log: process.argv.includes("--log") });
try {
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const cookie = await signUp(worker.url, i);
    users.push({ cookie, live: await liveChannel(worker.url, cookie) });
  }
  // Warm-up: the first job loads the PNG encoder and the thumbnail WASM.
  await runJob(worker.url, users[0], -1);

  const bare = [];
  const results = [];
  const started = performance.now();
  await Promise.all(
    users.map(async (user, u) => {
      for (let j = 0; j < JOBS_PER_USER; j++) {
        results.push({ ...(await runJob(worker.url, user, u * 1000 + j)), cookie: user.cookie });
        const b0 = performance.now();
        await fetch(`${worker.url}/api/health`);
        bare.push(performance.now() - b0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const rows = jobTimings(
    worker.persistTo,
    results.map((r) => r.id),
  );
  const total = rows.map((r) => r.finished_at - r.created_at);
  const queueWait = rows.map((r) => r.started_at - r.created_at);
  const provider = rows.map((r) => r.provider_ms);
  const platform = rows.map((r) => r.finished_at - r.created_at - r.provider_ms);
  const afterProvider = rows.map((r) => r.finished_at - r.started_at - r.provider_ms);

  console.log(
    JSON.stringify({
      users: USERS,
      jobs: results.length,
      demoDelayMs: DELAY_MS,
      jobsPerSecond: Math.round((results.length / seconds) * 10) / 10,
    }),
  );
  for (const user of users) user.live.close();
  console.log("client: submit → live 'succeeded' message       ", JSON.stringify(summarise(results.map((r) => r.ms))));
  console.log("job timestamps: finished − created          ", JSON.stringify(summarise(total)));
  console.log("job timestamps: started − created (queue)   ", JSON.stringify(summarise(queueWait)));
  console.log("job timestamps: provider_ms                 ", JSON.stringify(summarise(provider)));
  console.log("job timestamps: store + settle after provider", JSON.stringify(summarise(afterProvider)));
  console.log("platform = total − provider_ms              ", JSON.stringify(summarise(platform)));
  console.log("bare GET /api/health under the same load    ", JSON.stringify(summarise(bare)));
  const p50 = summarise(platform).p50;
  const marks = await marksOf(worker.url, results[0].cookie, results[0].id);
  console.log("first output's marks                         ", JSON.stringify(marks));
  console.log(p50 <= 100 ? `OK: platform overhead p50 ${p50} ms ≤ 100 ms` : `OVER TARGET: platform overhead p50 ${p50} ms > 100 ms`);
  if (process.argv.includes("--json")) {
    const load = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
    console.log(
      JSON.stringify({
        result: {
          platform: summarise(platform),
          afterProvider: summarise(afterProvider),
          provider: summarise(provider),
          bare: summarise(bare),
          marks,
          load,
        },
      }),
    );
  }
} finally {
  await worker.stop();
}
