import { env } from "cloudflare:workers";

/**
 * Tables left out of the "nothing written" comparison, by one rule: tables whose purpose is to
 * count requests (rate limits, sign-in throttling). Counting a refused request is what they are for.
 */
export const REQUEST_COUNTER_TABLE = /^(rate_limits|login_throttle\w*|\w*_throttle\w*|login_attempts|login_failures)$/;

/** Bookkeeping of the platform and of SQLite itself, never written by the app. */
const PLATFORM_TABLE = /^(sqlite_\w+|_cf_\w+|d1_migrations)$/;

/** Everything the app can persist: every D1 table's rows and every R2 object (key, size, etag). */
export type StateSnapshot = Map<string, string>;

/** Reads every app table and the R2 object list, in one D1 batch. */
export async function snapshotState(): Promise<StateSnapshot> {
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>();
  const tables = results.map((r) => r.name).filter((name) => !PLATFORM_TABLE.test(name) && !REQUEST_COUNTER_TABLE.test(name));
  const rows = await env.DB.batch(tables.map((name) => env.DB.prepare(`SELECT * FROM "${name}" ORDER BY 1`)));
  const snapshot: StateSnapshot = new Map();
  for (const [i, name] of tables.entries()) snapshot.set(`d1:${name}`, JSON.stringify(rows[i]!.results));
  const objects: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ cursor, limit: 1000 });
    objects.push(...page.objects.map((o) => `${o.key} ${o.size} ${o.etag}`));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  snapshot.set("r2:MEDIA", JSON.stringify(objects.sort()));
  return snapshot;
}

/** The names of what differs between two snapshots, with row counts, e.g. `d1:sessions (2 → 3 rows)`. */
export function changes(before: StateSnapshot, after: StateSnapshot): string[] {
  const out: string[] = [];
  for (const [name, value] of after) {
    const old = before.get(name);
    if (old === value) continue;
    const count = (s: string | undefined) => (s === undefined ? 0 : (JSON.parse(s) as unknown[]).length);
    out.push(`${name} (${count(old)} → ${count(value)} rows)`);
  }
  return out;
}

/** Waits until two snapshots `quietMs` apart are equal (queue consumers and waitUntil work done). */
export async function settledState(quietMs = 300, timeoutMs = 20_000): Promise<StateSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last = await snapshotState();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = await snapshotState();
    if (changes(last, next).length === 0) return next;
    if (Date.now() > deadline) throw new Error(`state never settled: ${changes(last, next).join(", ")}`);
    last = next;
  }
}
