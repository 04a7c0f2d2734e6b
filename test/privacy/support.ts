import { env } from "cloudflare:workers";
import type { JobView } from "../../shared/generation";
import type { ExportResponse } from "../../shared/privacy";
import { type ApiInit, api, type TestUser } from "../support/users";

/** Calls the Worker as `user` from this suite's own address (rate limits of other files never interfere). */
export function call(user: TestUser | null, path: string, init: ApiInit = {}, ip = "10.91.0.1"): Promise<Response> {
  return api(path, { ip, ...init, cookie: user?.cookie });
}

/** Polls `check` until it returns a value (not undefined), or fails after about `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs a demo-image generation through the real queue and returns the finished job. */
export async function generated(user: TestUser, prompt: string): Promise<JobView> {
  const res = await call(user, "/api/generations", { method: "POST", json: { model: "demo-image", prompt } });
  if (res.status !== 202) throw new Error(`generation refused: ${res.status} ${await res.text()}`);
  const { job } = await res.json<{ job: JobView }>();
  return waitFor(async () => {
    const current = (await (await call(user, `/api/generations/${job.id}`)).json<{ job: JobView }>()).job;
    return current.status === "succeeded" && current.media.every((m) => m.thumbnailUrl) ? current : undefined;
  }, `job ${job.id}`);
}

/** Starts an export and waits until it is ready (the real tasks queue builds it). */
export async function readyExport(user: TestUser): Promise<ExportResponse["export"]> {
  const res = await call(user, "/api/account/export", { method: "POST" });
  if (res.status !== 202) throw new Error(`export refused: ${res.status} ${await res.text()}`);
  const { export: started } = await res.json<ExportResponse>();
  return waitFor(async () => {
    const { export: current } = await (await call(user, `/api/account/exports/${started.id}`)).json<ExportResponse>();
    if (current.status === "failed") throw new Error(`export failed: ${current.error}`);
    return current.status === "ready" ? current : undefined;
  }, `export ${started.id}`);
}

/** Every table of the database that the app owns (SQLite's, D1's and the migrations table left out). */
export async function appTables(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

/** The columns of a table. */
export async function columnsOf(table: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info(?1)`).bind(table).all<{ name: string }>();
  return results.map((r) => r.name);
}

/** Every row, in any table, where any column's text contains one of `needles` (case-insensitive): `{ table: rows }`. */
export async function rowsMentioning(...needles: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  const found: Record<string, Record<string, unknown>[]> = {};
  for (const table of await appTables()) {
    const columns = await columnsOf(table);
    // One query per needle: SQLite caps an expression's depth at 100, and OR-chains count.
    const where = columns.map((c) => `instr(lower(CAST("${c}" AS TEXT)), lower(?1)) > 0`).join(" OR ");
    for (const needle of needles) {
      const { results } = await env.DB.prepare(`SELECT * FROM "${table}" WHERE ${where}`).bind(needle).all<Record<string, unknown>>();
      if (results.length > 0) found[table] = [...(found[table] ?? []), ...results];
    }
  }
  return found;
}

/** Billing rows of a person, written directly (as the Whop webhook would): a payment with a refund, and a subscription. */
export async function seedBilling(userId: string): Promise<{ paymentId: string; membershipId: string }> {
  const paymentId = `pay_${crypto.randomUUID().slice(0, 12)}`;
  const membershipId = `mem_${crypto.randomUUID().slice(0, 12)}`;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO payments (id, user_id, plan_id, whop_plan_id, credits, amount_minor, currency, whop_user_id, membership_id, status,
         refunded_minor, first_event_id, paid_at, granted_at, created_at)
       VALUES (?1, ?2, 'pro', 'plan_test', 500, 1900, 'usd', 'user_whop1', ?3, 'partially_refunded', 500, 'evt_1', ?4, ?4, ?4)`,
    ).bind(paymentId, userId, membershipId, now),
    env.DB.prepare(
      `INSERT INTO payment_reversals (id, payment_id, kind, amount_minor, status, credits, taken, shortfall, created_at, applied_at)
       VALUES (?1, ?2, 'refund', 500, 'applied', 100, 100, 0, ?3, ?3)`,
    ).bind(`re_${crypto.randomUUID().slice(0, 12)}`, paymentId, now),
    env.DB.prepare(
      `INSERT INTO subscriptions (membership_id, user_id, plan_id, whop_plan_id, status, manage_url, event_at, created_at, updated_at)
       VALUES (?1, ?2, 'pro', 'plan_test', 'active', 'https://whop.example/manage', ?3, ?3, ?3)`,
    ).bind(membershipId, userId, now),
  ]);
  return { paymentId, membershipId };
}
