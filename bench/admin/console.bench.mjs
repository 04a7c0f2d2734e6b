// Staff console reads at scale: the audit log's first page (unfiltered, by staff member, by person)
// over 1,000,000 rows, and the user lookup by email prefix (`GET /api/admin/users?q=`) over 100,000
// users, from 16 concurrent connections, against the bare route (`GET /api/health`) in the same run.
// Target (issue 9): each p50 ≤ 2× the bare p50. Knobs: AUDIT_ROWS=, USERS=, REQUESTS=, CONCURRENCY=.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { closedLoop } from "../lib/stats.mjs";

const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 1_000_000);
const USERS = Number(process.env.USERS ?? 100_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.REQUESTS ?? 800);

function d1(persistTo, command) {
  const result = spawnSync(
    process.execPath,
    [resolve("node_modules/wrangler/bin/wrangler.js"), "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", command],
    { encoding: "utf8", env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" }, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`d1 execute failed: ${result.stderr || result.stdout}`);
}

/**
 * Rows made inside SQLite by one recursive statement each (a SQL file of a million INSERTs would be
 * hundreds of MB). Audit ids are UUIDv7-shaped and time-ordered, as `newId` makes them: 20 staff
 * members, 5,000 people, four actions. Users: `bench-000001@example.com`… (stored lower-cased).
 */
function seed(persistTo, adminId) {
  const start = Date.now() - AUDIT_ROWS * 10;
  d1(
    persistTo,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${AUDIT_ROWS})
     INSERT INTO audit_log (id, actor_id, actor_role, action, outcome, status, target_user_id, target_object, reason, request_id, created_at)
     SELECT printf('%08x-%04x-7000-8000-%012x', (${start} + i * 10) / 65536, (${start} + i * 10) % 65536, i),
            CASE i % 20 WHEN 0 THEN '${adminId}' ELSE printf('staff-%02d', i % 20) END, 'support',
            CASE i % 4 WHEN 0 THEN 'user.read' WHEN 1 THEN 'jobs.list' WHEN 2 THEN 'job.retry' ELSE 'data_request.list' END,
            'ok', 200, printf('person-%05d', i % 5000), CASE i % 4 WHEN 2 THEN 'job:' || i END, CASE i % 4 WHEN 2 THEN 'stuck' END,
            'req-' || i, ${start} + i * 10 FROM n`,
  );
  d1(
    persistTo,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${USERS})
     INSERT INTO users (id, email, name, password_hash, role, age_confirmed_at, referral_code, created_at)
     SELECT printf('00000000-0000-7000-8000-%012x', i), printf('bench-%06d@example.com', i), 'Bench ' || i, 'x', 'user',
            ${start}, printf('BENCH%06d', i), ${start} FROM n`,
  );
  d1(persistTo, "ANALYZE");
}

async function signUp(url) {
  // `wrangler dev` restarts when files in the shared tree change (503 "restarted mid-request"): try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await signUpOnce(url);
    if (res) return res;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("sign-up: the worker kept restarting");
}

async function signUpOnce(url) {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: `console-${Date.now()}@example.com`,
      password: "correct-horse-battery-staple-42",
      name: "Bench admin",
      ageConfirmed: true,
      acceptPolicies: true,
    }),
  });
  if (res.status === 503) return null;
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  const { user } = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { userId: user.id, cookie };
}

const worker = await startLocalWorker();
try {
  const admin = await signUp(worker.url);
  // An admin whose session proved a second factor, set in D1 as `npm run staff` and the sign-in code step would.
  d1(worker.persistTo, `UPDATE users SET role = 'admin' WHERE id = '${admin.userId}'`);
  d1(worker.persistTo, `UPDATE sessions SET second_factor_at = ${Date.now()} WHERE user_id = '${admin.userId}'`);
  const seeding = Date.now();
  seed(worker.persistTo, admin.userId);
  console.log(`seeded ${AUDIT_ROWS} audit rows and ${USERS} users in ${Date.now() - seeding} ms`);

  // A request cut off by a `wrangler dev` restart (another engineer saved a file) counts as a failure, not a crash.
  const get = async (path, check) => {
    try {
      const res = await fetch(`${worker.url}${path}`, { headers: { Cookie: admin.cookie } });
      const body = await res.json();
      return res.ok && (!check || check(body));
    } catch {
      return false;
    }
  };
  const fullPage = (b) => b.items.length === 50 && b.nextCursor !== null;
  const cases = {
    bare: () => get("/api/health"),
    // The guard alone (session, role, second factor, one audit row written) on a near-empty listing: the floor under every staff read.
    "staff route, empty list": () => get("/api/admin/data-requests?status=closed"),
    "audit first page": () => get("/api/admin/audit", fullPage),
    "audit by staff member": () => get(`/api/admin/audit?actor=${admin.userId}`, fullPage),
    "audit by action": () => get("/api/admin/audit?action=job.retry", fullPage),
  };
  let lookup = 0;
  for (let attempt = 0; attempt < 5 && (lookup === 0 || lookup === 503); attempt++) {
    lookup = await fetch(`${worker.url}/api/admin/users?q=bench-0421`, { headers: { Cookie: admin.cookie } }).then(
      (r) => r.text().then(() => r.status),
      () => 0,
    );
    if (lookup === 0 || lookup === 503) await new Promise((r) => setTimeout(r, 1000));
  }
  if (lookup === 200) {
    // `bench-0421` matches 100 of the 100,000 addresses (bench-042100 … bench-042199); a lookup lists the first 20.
    cases["user lookup by email prefix"] = () =>
      get("/api/admin/users?q=bench-0421", (b) => b.items.length === 20 && b.items[19].email === "bench-042119@example.com");
  } else {
    console.log(`GET /api/admin/users answered ${lookup}: user lookup not measured`);
  }
  for (const [name, task] of Object.entries(cases)) {
    let ok = false;
    for (let attempt = 0; attempt < 5 && !ok; attempt++) ok = await task();
    if (!ok) throw new Error(`${name}: unexpected answer`);
    await closedLoop({ concurrency: CONCURRENCY, total: 100, task }); // warm-up
  }

  const results = {};
  // Rounds alternate the cases so that drifting machine load touches every case alike.
  for (const round of [1, 2, 3]) {
    for (const [name, task] of Object.entries(cases)) {
      const r = await closedLoop({ concurrency: CONCURRENCY, total: REQUESTS, task });
      results[name] = [...(results[name] ?? []), r];
      console.log(`round ${round} ${name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.perSecond}/s, failures ${r.failures}`);
    }
  }
  const median = (name, key) => results[name].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results[name].length / 2)];
  const bareP50 = median("bare", "p50");
  const summary = Object.keys(cases).map((name) => ({
    case: name,
    p50: Math.round(median(name, "p50") * 10) / 10,
    p99: Math.round(median(name, "p99") * 10) / 10,
    ratioP50: Math.round((median(name, "p50") / bareP50) * 100) / 100,
    failures: results[name].reduce((a, r) => a + r.failures, 0),
  }));
  console.table(summary);
  const met = summary.filter((s) => s.case !== "bare" && !s.case.startsWith("staff route")).every((s) => s.ratioP50 <= 2);
  console.log(
    JSON.stringify({
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      auditRows: AUDIT_ROWS,
      users: USERS,
      target: "p50 <= 2x bare p50",
      met,
    }),
  );
  if (!met) process.exitCode = 1;
} finally {
  await worker.stop();
}
