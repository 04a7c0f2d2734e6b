// Sign-in latency with scrypt (N=2^14, r=8, p=5) on local workerd, against a bare route in the
// same run. Sequential requests, so the number is one sign-in's cost, not queueing.
import { startLocalWorker } from "../lib/local-worker.mjs";
import { summarise } from "../lib/stats.mjs";

const ROUNDS = 40; // below the 60-per-10-minutes sign-in limit per IP

async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return performance.now() - t0;
}

const worker = await startLocalWorker();
try {
  const email = `bench-${Date.now()}@example.com`;
  const password = "correct-horse-battery-staple-42";
  const json = (body) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const signup = await timed(() =>
    fetch(`${worker.url}/api/auth/signup`, json({ email, password, name: "Bench", ageConfirmed: true, acceptPolicies: true })),
  );
  await timed(() => fetch(`${worker.url}/api/auth/login`, json({ email, password }))); // warm-up
  const login = [];
  const bare = [];
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await timed(() => fetch(`${worker.url}/api/health`)));
    login.push(await timed(() => fetch(`${worker.url}/api/auth/login`, json({ email, password }))));
  }
  const result = { signupMs: Math.round(signup), login: summarise(login), bare: summarise(bare) };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await worker.stop();
}
