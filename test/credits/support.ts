import { env } from "cloudflare:workers";
import { expect } from "vitest";

/** A fresh user id: the Account object is named by it, and no other test shares it. */
export const freshUser = () => `u-${crypto.randomUUID()}`;

/** A fresh job id. */
export const freshJob = () => `job-${crypto.randomUUID()}`;

export interface LedgerRow {
  kind: string;
  delta: number;
  held_delta: number;
  debt_delta: number;
  reference: string | null;
  description: string;
  idempotency_key: string;
  balance_after: number;
}

/** Every ledger row of a user, oldest first. */
export async function ledgerOf(userId: string): Promise<LedgerRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT kind, delta, held_delta, debt_delta, reference, description, idempotency_key, balance_after FROM credit_ledger WHERE user_id = ? ORDER BY created_at, id",
  )
    .bind(userId)
    .all<LedgerRow>();
  return results;
}

/** How many ledger rows exist at all (to prove a refused call wrote nothing anywhere). */
export async function countAllRows(): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM credit_ledger").first<{ n: number }>())!.n;
}

/**
 * The ledger invariants for one user, read straight from D1:
 * available + held == sum(delta), held == sum(held_delta) == sum of open holds, available >= 0,
 * debt == sum(debt_delta) >= 0, debt > 0 only while available == 0 (credits that arrive pay it first),
 * every hold settled at most once (one settlement row per job, matching the hold's status).
 */
export async function expectInvariants(userId: string): Promise<{ available: number; held: number; debt: number }> {
  const [sums, balance, openHolds, holds, settlements] = await env.DB.batch<Record<string, number | string | null>>([
    env.DB.prepare(
      "SELECT COALESCE(SUM(delta), 0) AS total, COALESCE(SUM(held_delta), 0) AS held, COALESCE(SUM(debt_delta), 0) AS debt FROM credit_ledger WHERE user_id = ?",
    ).bind(userId),
    env.DB.prepare("SELECT available, held, debt FROM credit_balances WHERE user_id = ?").bind(userId),
    env.DB.prepare("SELECT COALESCE(SUM(amount), 0) AS held FROM credit_holds WHERE user_id = ? AND status = 'open'").bind(userId),
    env.DB.prepare("SELECT job_id, status FROM credit_holds WHERE user_id = ?").bind(userId),
    env.DB.prepare(
      "SELECT substr(idempotency_key, 8) AS job_id, kind, COUNT(*) OVER (PARTITION BY reference) AS n FROM credit_ledger WHERE user_id = ? AND kind IN ('capture', 'release')",
    ).bind(userId),
  ]);
  const total = Number(sums!.results[0]!.total);
  const heldSum = Number(sums!.results[0]!.held);
  const row = balance!.results[0] ?? { available: 0, held: 0, debt: 0 };
  const available = Number(row.available);
  const held = Number(row.held);
  const debt = Number(row.debt);
  expect(available, "available >= 0").toBeGreaterThanOrEqual(0);
  expect(debt, "debt >= 0").toBeGreaterThanOrEqual(0);
  expect(debt, "debt == sum(debt_delta)").toBe(Number(sums!.results[0]!.debt));
  if (debt > 0) expect(available, "an open debt leaves nothing available").toBe(0);
  expect(available + held, "available + held == sum(delta)").toBe(total);
  expect(held, "held == sum(held_delta)").toBe(heldSum);
  expect(held, "held == sum of open holds").toBe(Number(openHolds!.results[0]!.held));
  const settled = new Map(settlements!.results.map((s) => [String(s.job_id), s]));
  for (const s of settlements!.results) expect(Number(s.n), `job ${s.job_id} settled once`).toBe(1);
  for (const h of holds!.results) {
    const s = settled.get(String(h.job_id));
    const expected = h.status === "open" ? undefined : h.status === "captured" ? "capture" : "release";
    expect(s?.kind, `hold ${h.job_id} (${h.status}) matches its settlement`).toBe(expected);
  }
  expect(settled.size, "no settlement without a hold").toBeLessThanOrEqual(holds!.results.length);
  return { available, held, debt };
}
