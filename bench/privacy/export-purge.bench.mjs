// Data export and account purge, end to end on a local `wrangler dev` (real queue consumer, local D1
// and R2): one user uploads N noise PNGs (~190 KB each, incompressible), then
//   export: POST /api/account/export → polled every 50 ms until ready; the archive is downloaded;
//   purge:  DELETE /api/account → polled (sign-up with the same email, which succeeds once the user row,
//           the purge's last write, is gone).
// Resident memory of the workerd processes is sampled every 20 ms while the export is built.
// Usage: node bench/privacy/export-purge.bench.mjs [items=200]
import { readdirSync, readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { closedLoop, summarise } from "../lib/stats.mjs";

const ITEMS = Number(process.argv[2] ?? 200);
const PASSWORD = "quiet-lantern-orbit-7204";

/** A 256×256 RGB PNG of noise: real, decodable, and about as large compressed as raw. */
function noisePng() {
  const width = 256;
  const height = 256;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  crypto.getRandomValues(raw.subarray(0, 65536));
  for (let i = 65536; i < raw.length; i += 65536) crypto.getRandomValues(raw.subarray(i, Math.min(raw.length, i + 65536)));
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0; // filter byte: none
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Resident memory (MB) of the workerd processes under this script (wrangler starts workerd as a grandchild). */
function workerdRssMb() {
  const children = (pid) =>
    readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean),
    );
  const all = [];
  for (let queue = children(process.pid); queue.length; ) {
    const pid = queue.shift();
    all.push(pid);
    try {
      queue.push(...children(pid));
    } catch {
      // exited meanwhile
    }
  }
  return all
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd";
      } catch {
        return false;
      }
    })
    .reduce((sum, pid) => sum + Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024, 0);
}

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function signUp(url, email) {
  return fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
    body: JSON.stringify({ email, password: PASSWORD, name: "Bench Person", ageConfirmed: true, acceptPolicies: true }),
  });
}

// One user uploads ITEMS images: past the default upload rate limit (120 per ten minutes).
const worker = await startLocalWorker({ vars: { DEMO_DELAY_MS: "0", UPLOADS_PER_TEN_MINUTES: String(ITEMS + 10) } });
try {
  const { url } = worker;
  const email = `bench-${Date.now()}@example.com`;
  const res = await signUp(url, email);
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const headers = { Cookie: cookie, "CF-Connecting-IP": "10.250.250.1" };

  let uploadedBytes = 0;
  await closedLoop({
    concurrency: 4,
    total: ITEMS,
    task: async () => {
      const png = noisePng();
      const up = await fetch(`${url}/api/uploads`, { method: "POST", headers: { ...headers, "Content-Type": "image/png" }, body: png });
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
      uploadedBytes += png.length;
    },
  });

  const bare = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await fetch(`${url}/api/health`);
    bare.push(performance.now() - t);
  }

  const baseline = workerdRssMb();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdRssMb())), 20);
  const t0 = performance.now();
  const started = await fetch(`${url}/api/account/export`, { method: "POST", headers });
  if (started.status !== 202) throw new Error(`export: ${started.status} ${await started.text()}`);
  const { export: view } = await started.json();
  let ready;
  while (!ready) {
    await new Promise((r) => setTimeout(r, 50));
    const { export: current } = await (await fetch(`${url}/api/account/exports/${view.id}`, { headers })).json();
    if (current.status === "failed") throw new Error(`export failed: ${current.error}`);
    if (current.status === "ready") ready = current;
  }
  const built = performance.now() - t0;
  clearInterval(sampler);
  const t1 = performance.now();
  const zip = await fetch(`${url}${ready.downloadUrl}`, { headers });
  const archive = new Uint8Array(await zip.arrayBuffer());
  const downloaded = performance.now() - t1;

  const t2 = performance.now();
  const deleted = await fetch(`${url}/api/account`, {
    method: "DELETE",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ password: PASSWORD }),
  });
  if (deleted.status !== 202) throw new Error(`delete: ${deleted.status} ${await deleted.text()}`);
  const answered = performance.now() - t2;
  for (;;) {
    const again = await signUp(url, email);
    if (again.status === 201) break;
    if (again.status !== 409) throw new Error(`sign-up again: ${again.status} ${await again.text()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const purged = performance.now() - t2;

  const mb = (n) => (n / 1024 / 1024).toFixed(1);
  console.log(`items ${ITEMS}, media ${mb(uploadedBytes)} MB, archive ${mb(archive.byteLength)} MB (reported ${mb(ready.bytes)} MB)`);
  console.log(`bare p50 ${summarise(bare).p50.toFixed(1)} ms`);
  console.log(
    `export: request → ready ${built.toFixed(0)} ms (${(archive.byteLength / 1024 / 1024 / (built / 1000)).toFixed(1)} MB/s); download ${downloaded.toFixed(0)} ms`,
  );
  console.log(
    `workerd RSS while building: ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - baseline).toFixed(0)} MB; local R2 runs in the same process)`,
  );
  console.log(`deletion: answered in ${answered.toFixed(0)} ms; purged (user row gone) after ${purged.toFixed(0)} ms`);
} finally {
  await worker.stop();
}
