// The developer API's costs, against a fresh `wrangler dev` with the demo provider (0 delay, or --delay ms):
//   1. /v1/images/generations through the official `openai` client from 10 keys at once (10 people,
//      so the 4-in-flight cap per person never queues a call): the call's wall time minus the job's own
//      finished_at − created_at (read back through GET /api/generations/:id) is what the synchronous
//      endpoint adds: the hold, the queue hand-off, the wait in the Account object, the answer.
//   2. Authentication: GET /api/credits with a Bearer key and with a session cookie, interleaved one
//      after the other in the same run, N each (under the key's 300 a minute); the p50s and their ratio.
// Usage: node bench/api/v1.bench.mjs [--calls 10] [--auth 250] [--delay 0]
import OpenAI from "openai";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { quantile } from "../lib/stats.mjs";
import { verifyEmail } from "../lib/verify-email.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const CALLS = arg("--calls", 10);
const AUTH = arg("--auth", 250);
const KEYS = 10;
/** The demo provider's wait (DEMO_DELAY_MS); the development default is 1500, as in the generation bench. */
const DELAY = arg("--delay", 0);

const worker = await startLocalWorker({ vars: { DEMO_DELAY_MS: String(DELAY), SIGNUP_CREDITS: "1000" } });

/** A verified person with a session cookie and a key of every scope. */
async function person(n) {
  const email = `bench-api-${n}-${Date.now()}@example.com`;
  const signup = await fetch(`${worker.url}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Bench", email, password: "quiet-lantern-orbit-7204", ageConfirmed: true, acceptPolicies: true }),
  });
  if (signup.status !== 201) throw new Error(`sign-up ${signup.status}: ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  await verifyEmail(worker.url, email);
  const made = await fetch(`${worker.url}/api/developers/keys`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie, Origin: worker.url },
    body: JSON.stringify({ name: "bench", scopes: ["generate", "credits:read"] }),
  });
  if (made.status !== 201) throw new Error(`key ${made.status}: ${await made.text()}`);
  return { cookie, secret: (await made.json()).secret };
}

const ms = (values, q) => quantile(values, q).toFixed(1);

try {
  const people = [];
  for (let n = 0; n < KEYS; n++) people.push(await person(n));

  // 1. What the synchronous endpoint adds over the job itself: one key alone, then 10 at once.
  const run = async (keys) => {
    const added = [];
    const wall = [];
    await Promise.all(
      keys.map(async ({ secret }) => {
        const openai = new OpenAI({ apiKey: secret, baseURL: `${worker.url}/v1`, maxRetries: 0 });
        for (let call = 0; call < CALLS; call++) {
          const started = performance.now();
          await openai.images.generate({ model: "demo-image", prompt: `bench ${call}`, size: "1024x1024" });
          const took = performance.now() - started;
          const listed = await fetch(`${worker.url}/api/generations?limit=1`, { headers: { Authorization: `Bearer ${secret}` } });
          const [job] = (await listed.json()).items;
          wall.push(took);
          added.push(took - (job.finishedAt - job.createdAt));
        }
      }),
    );
    console.log(
      `/v1/images/generations, ${keys.length} key(s) at once × ${CALLS} calls: wall p50 ${ms(wall, 0.5)} ms; ` +
        `added over the job's own time p50 ${ms(added, 0.5)} ms, p90 ${ms(added, 0.9)} ms`,
    );
  };
  await run(people.slice(0, 1));
  await run(people);

  // 2. A key against a session, on the same cheap read, interleaved.
  // A fresh key, so the calls above do not count against its rate.
  const { cookie } = people[0];
  const fresh = await fetch(`${worker.url}/api/developers/keys`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie, Origin: worker.url },
    body: JSON.stringify({ name: "auth bench", scopes: ["credits:read"] }),
  });
  const { secret } = await fresh.json();
  const key = [];
  const session = [];
  const timed = async (headers) => {
    const started = performance.now();
    const res = await fetch(`${worker.url}/api/credits`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`credits ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await timed({ Cookie: cookie }); // warm-up
  for (let i = 0; i < AUTH; i++) {
    key.push(await timed({ Authorization: `Bearer ${secret}` }));
    session.push(await timed({ Cookie: cookie }));
  }
  const ratio = quantile(key, 0.5) / quantile(session, 0.5);
  console.log(
    `GET /api/credits × ${AUTH} each: Bearer key p50 ${ms(key, 0.5)} ms, session cookie p50 ${ms(session, 0.5)} ms, ratio ${ratio.toFixed(2)}`,
  );
} finally {
  await worker.stop();
}
