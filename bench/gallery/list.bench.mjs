// Gallery listing under load: one user with 10,000 media rows (and 40,000 rows of 20 other users
// in the same table), `GET /api/media?limit=60` from 16 concurrent connections, against the bare
// route (`GET /api/health`) measured in the same run. Target: list p50 ≤ 2× bare p50.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { closedLoop } from "../lib/stats.mjs";

const ITEMS = 10_000;
const OTHER_USERS = 20;
const OTHER_ITEMS = 2_000;
const CONCURRENCY = 16;
const REQUESTS = 1_600;

/** A UUIDv7 for a given millisecond, as `workers/lib/ids.ts` makes them (cursors check the shape). */
function uuidv7(ms) {
  const b = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 5, t = ms; i >= 0; i--, t = Math.floor(t / 256)) b[i] = t % 256;
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const WORDS = ["fox", "neon", "city", "forest", "portrait", "ocean", "robot", "sunset", "castle", "desert", "cat", "galaxy"];
const KINDS = ["image", "image", "video", "upload"];

function rowsSql(userId, count, start) {
  const values = [];
  for (let i = 0; i < count; i++) {
    const createdAt = start + i * 1000;
    const id = uuidv7(createdAt);
    const kind = KINDS[i % KINDS.length];
    const prompt = kind === "upload" ? "NULL" : `'a ${WORDS[i % WORDS.length]} and a ${WORDS[(i * 7) % WORDS.length]}, number ${i}'`;
    const type = kind === "video" ? "video/mp4" : "image/png";
    values.push(
      `('${id}','${userId}',${kind === "upload" ? "NULL" : `'${uuidv7(createdAt)}'`},'${kind}','media/${userId}/${id}','${type}',${100_000 + i},1024,1024,${kind === "video" ? 5000 : "NULL"},'media/${userId}/${id}.thumb.webp',${i % 9 === 0 ? 1 : 0},${prompt},${createdAt})`,
    );
  }
  // D1 caps one statement at 100 KB: 200 rows of ~350 characters each stay under it.
  const out = [];
  for (let i = 0; i < values.length; i += 200) {
    out.push(
      `INSERT INTO media (id,user_id,job_id,kind,r2_key,content_type,bytes,width,height,duration_ms,thumbnail_key,favorite,prompt,created_at) VALUES ${values.slice(i, i + 200).join(",")};`,
    );
  }
  return out.join("\n");
}

function seed(persistTo, userId) {
  const dir = mkdtempSync(join(tmpdir(), "ausar-gallery-seed-"));
  const file = join(dir, "seed.sql");
  const start = Date.now() - ITEMS * 1000 * 2;
  const parts = [rowsSql(userId, ITEMS, start)];
  for (let u = 0; u < OTHER_USERS; u++) parts.push(rowsSql(`other-user-${u}`, OTHER_ITEMS, start + u));
  writeFileSync(file, parts.join("\n"));
  const result = spawnSync(
    process.execPath,
    [resolve("node_modules/wrangler/bin/wrangler.js"), "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file],
    {
      encoding: "utf8",
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
    },
  );
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`seeding failed: ${result.stderr || result.stdout}`);
}

async function signUp(url) {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: `gallery-${Date.now()}@example.com`,
      password: "correct-horse-battery-staple-42",
      name: "Bench",
      ageConfirmed: true,
      acceptPolicies: true,
    }),
  });
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
  const { userId, cookie } = await signUp(worker.url);
  seed(worker.persistTo, userId);
  const get = async (path, check) => {
    const res = await fetch(`${worker.url}${path}`, { headers: { Cookie: cookie } });
    const body = await res.json();
    return res.ok && (!check || check(body));
  };

  // A cursor halfway down the gallery, by walking pages as a scrolling client would.
  let cursor = null;
  let walked = 0;
  while (walked < ITEMS / 2) {
    const res = await fetch(`${worker.url}/api/media?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: { Cookie: cookie } });
    const page = await res.json();
    walked += page.items.length;
    cursor = page.nextCursor;
  }
  const full = (b) => b.items.length === 60;
  const cases = {
    bare: () => fetch(`${worker.url}/api/health`).then((r) => r.text().then(() => r.ok)),
    "list (first page)": () => get("/api/media?limit=60", full),
    "list (page at item 5,000)": () => get(`/api/media?limit=60&cursor=${cursor}`, full),
    "list kind=video": () => get("/api/media?limit=60&kind=video", full),
    "list favorite=true": () => get("/api/media?limit=60&favorite=true", full),
    "list q=fox": () => get("/api/media?limit=60&q=fox", full),
  };
  for (const task of Object.values(cases)) await closedLoop({ concurrency: CONCURRENCY, total: 100, task }); // warm-up

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
  const list = summary.find((s) => s.case === "list (first page)");
  console.log(
    JSON.stringify({
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      items: ITEMS,
      target: "list p50 <= 2x bare p50",
      met: list.ratioP50 <= 2,
    }),
  );
} finally {
  await worker.stop();
}
