import { env } from "cloudflare:workers";

/** One broken invariant, said in words (the run collects them rather than stopping at the first). */
export type Violation = string;

interface LedgerRow {
  kind: string;
  delta: number;
  held_delta: number;
  debt_delta: number;
  reference: string | null;
  idempotency_key: string;
}

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);

/**
 * A job whose messages were all lost is ended by the sweeper, a cron task every 5 minutes
 * (wrangler.toml): until the final sweep, a job may be in flight up to that long past its deadline.
 */
const SWEEP_PERIOD_MS = 5 * 60 * 1000;

/**
 * The ledger invariants of one user, read straight from D1 and replayed in ledger order (the
 * object's clock is strictly increasing, so that is the order of application):
 * available + held == sum(delta), held == sum(held_delta) == open holds, debt == sum(debt_delta),
 * available >= 0 and debt >= 0 after every row, no hold applied while a debt was open, debt > 0
 * only with available == 0, every hold settled at most once and as its status says.
 */
export async function checkUser(userId: string): Promise<Violation[]> {
  const [ledger, balance, holds] = await env.DB.batch([
    env.DB.prepare(
      "SELECT kind, delta, held_delta, debt_delta, reference, idempotency_key FROM credit_ledger WHERE user_id = ? ORDER BY created_at, id",
    ).bind(userId),
    env.DB.prepare("SELECT available, held, debt FROM credit_balances WHERE user_id = ?").bind(userId),
    env.DB.prepare("SELECT job_id, status, amount FROM credit_holds WHERE user_id = ?").bind(userId),
  ]);
  const out: Violation[] = [];
  const say = (what: string) => out.push(`${userId}: ${what}`);
  let total = 0;
  let held = 0;
  let debt = 0;
  const settlements = new Map<string, string[]>();
  for (const row of ledger!.results as unknown as LedgerRow[]) {
    if (row.kind === "hold" && debt > 0) say(`hold ${row.reference} applied while ${debt} credits were owed`);
    total += row.delta;
    held += row.held_delta;
    debt += row.debt_delta;
    if (total - held < 0) say(`available went to ${total - held} at ${row.idempotency_key}`);
    if (debt < 0) say(`debt went to ${debt} at ${row.idempotency_key}`);
    if (row.kind === "capture" || row.kind === "release") {
      const job = String(row.reference);
      settlements.set(job, [...(settlements.get(job) ?? []), row.kind]);
    }
  }
  const b = (balance!.results[0] as { available: number; held: number; debt: number } | undefined) ?? { available: 0, held: 0, debt: 0 };
  if (b.available + b.held !== total) say(`available ${b.available} + held ${b.held} != sum(delta) ${total}`);
  if (b.held !== held) say(`held ${b.held} != sum(held_delta) ${held}`);
  if (b.debt !== debt) say(`debt ${b.debt} != sum(debt_delta) ${debt}`);
  if (b.available < 0) say(`available ${b.available} < 0`);
  if (b.debt > 0 && b.available !== 0) say(`owes ${b.debt} yet has ${b.available} available`);
  const holdRows = holds!.results as { job_id: string; status: string; amount: number }[];
  const open = holdRows.filter((h) => h.status === "open").reduce((sum, h) => sum + h.amount, 0);
  if (open !== b.held) say(`held ${b.held} != open holds ${open}`);
  for (const [job, kinds] of settlements) if (kinds.length !== 1) say(`${job} settled ${kinds.length} times (${kinds.join(", ")})`);
  for (const h of holdRows) {
    const kinds = settlements.get(`job:${h.job_id}`) ?? [];
    const expected = h.status === "open" ? [] : [h.status === "captured" ? "capture" : "release"];
    if (kinds.join() !== expected.join()) say(`hold ${h.job_id} is ${h.status} but its settlements are [${kinds.join(", ")}]`);
  }
  return out;
}

/**
 * Payments: each granted at most once (exactly once when `final`), and never more taken back
 * (available taken plus debt recorded) than it granted.
 */
export async function checkPayments(paymentIds: string[], final: boolean): Promise<Violation[]> {
  const out: Violation[] = [];
  for (let i = 0; i < paymentIds.length; i += 50) {
    const chunk = paymentIds.slice(i, i + 50);
    const { results } = await env.DB.prepare(
      `SELECT reference, kind, delta, debt_delta FROM credit_ledger WHERE reference IN (${chunk.map(() => "?").join(", ")})`,
    )
      .bind(...chunk.map((id) => `payment:${id}`))
      .all<{ reference: string; kind: string; delta: number; debt_delta: number }>();
    for (const id of chunk) {
      const rows = results.filter((r) => r.reference === `payment:${id}`);
      const grants = rows.filter((r) => r.kind === "grant");
      if (grants.length > 1 || (final && grants.length !== 1))
        out.push(`payment ${id} granted ${grants.length} times; ${await paymentDetail(id)}`);
      const granted = grants.reduce((sum, r) => sum + r.delta, 0);
      const taken = rows.filter((r) => r.kind === "refund_clawback").reduce((sum, r) => sum - r.delta + r.debt_delta, 0);
      if (taken > granted) out.push(`payment ${id}: ${taken} clawed back of ${granted} granted`);
    }
  }
  return out;
}

/** What the payment row and its deliveries say, to explain a payment that was not granted once. */
async function paymentDetail(id: string): Promise<string> {
  const payment = await env.DB.prepare("SELECT status, review_reason, credits, granted_at, user_id FROM payments WHERE id = ?")
    .bind(id)
    .first();
  const { results: events } = await env.DB.prepare("SELECT type, outcome, detail, processed_at FROM webhook_events WHERE payment_id = ?")
    .bind(id)
    .all();
  const { results: reversals } = await env.DB.prepare(
    "SELECT kind, status, credits, taken, shortfall FROM payment_reversals WHERE payment_id = ?",
  )
    .bind(id)
    .all();
  return `payment row ${JSON.stringify(payment)}, events ${JSON.stringify(events)}, reversals ${JSON.stringify(reversals)}`;
}

/** Jobs: each terminal, or in flight within its deadline; when `final`, all terminal with holds settled. */
export async function checkJobs(userIds: string[], now: number, final: boolean): Promise<Violation[]> {
  const { results } = await env.DB.prepare(
    `SELECT j.id, j.status, j.deadline_at, j.attempts, j.polls, j.created_at, j.provider_job_id, h.status AS hold FROM jobs j LEFT JOIN credit_holds h ON h.job_id = j.id
     WHERE j.user_id IN (${userIds.map(() => "?").join(", ")})`,
  )
    .bind(...userIds)
    .all<{
      id: string;
      status: string;
      deadline_at: number;
      hold: string | null;
      attempts: number;
      polls: number;
      created_at: number;
      provider_job_id: string | null;
    }>();
  const out: Violation[] = [];
  for (const job of results) {
    if (!TERMINAL.has(job.status) && (final || job.deadline_at + SWEEP_PERIOD_MS < now))
      out.push(
        `job ${job.id} still ${job.status} ${final ? "after the final sweep" : `${Math.round((now - job.deadline_at) / 1000)} s past its deadline`} ` +
          `(hold ${job.hold}, ${job.attempts} attempts, ${job.polls} polls, provider job ${job.provider_job_id}, created ${Math.round((now - job.created_at) / 1000)} s ago)`,
      );
    if (final && job.hold === "open") out.push(`job ${job.id} (${job.status}) ended with its hold open`);
    if (final && job.status === "succeeded" && job.hold !== "captured") out.push(`job ${job.id} succeeded but its hold is ${job.hold}`);
    if (final && job.status !== "succeeded" && job.hold === "captured") out.push(`job ${job.id} ${job.status} but was charged`);
  }
  return out;
}

/** Media: every R2 object of a user has its row and every row its object (thumbnails aside). */
export async function checkMedia(userId: string): Promise<Violation[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix: `media/${userId}/`, cursor });
    keys.push(...page.objects.map((o) => o.key).filter((k) => !k.includes(".thumb.")));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const { results } = await env.DB.prepare("SELECT r2_key FROM media WHERE user_id = ?").bind(userId).all<{ r2_key: string }>();
  const rows = new Set(results.map((r) => r.r2_key));
  const objects = new Set(keys);
  return [
    ...keys.filter((k) => !rows.has(k)).map((k) => `${userId}: R2 object ${k} has no media row`),
    ...[...rows].filter((k) => !objects.has(k)).map((k) => `${userId}: media row ${k} has no R2 object`),
  ];
}
