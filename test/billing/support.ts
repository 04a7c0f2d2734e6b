import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api } from "../support/users";
import { type Delivery, whopSender } from "./fake-whop";

/** Signs with the Worker's own configured secret (`.dev.vars`), as Whop would. */
export const whop = whopSender(env.WHOP_WEBHOOK_SECRET);

/** Development plan ids (shared/plans.ts). */
export const PACK = { whopPlanId: "plan_dev_pack_500", credits: 500 } as const;
export const PRO = { whopPlanId: "plan_dev_pro_monthly", credits: 1500 } as const;

/** Posts a delivery to `/webhooks/whop` through the Worker. */
export function deliver(delivery: Delivery, ip = "10.250.0.1"): Promise<Response> {
  return api("/webhooks/whop", { method: "POST", body: delivery.body, headers: delivery.headers, ip });
}

/** Signs and posts one event; answers the parsed JSON body with the status. */
export async function send(
  type: string,
  data: unknown,
): Promise<{ status: number; body: { ok?: boolean; outcome?: string; duplicate?: boolean; error?: { code: string } } }> {
  const res = await deliver(await whop.event(type, data));
  return { status: res.status, body: await res.json() };
}

export interface LedgerRow {
  kind: string;
  delta: number;
  reference: string | null;
  description: string;
  idempotency_key: string;
}

/** Every ledger row of a user, oldest first. */
export async function ledgerOf(userId: string): Promise<LedgerRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT kind, delta, reference, description, idempotency_key FROM credit_ledger WHERE user_id = ? ORDER BY created_at, id",
  )
    .bind(userId)
    .all<LedgerRow>();
  return results;
}

/** The balance, after checking the ledger invariants (available + held == sum(delta), available >= 0). */
export async function balanceOf(userId: string): Promise<number> {
  const sums = await env.DB.prepare("SELECT COALESCE(SUM(delta), 0) AS total FROM credit_ledger WHERE user_id = ?")
    .bind(userId)
    .first<{ total: number }>();
  const row = (await env.DB.prepare("SELECT available, held FROM credit_balances WHERE user_id = ?")
    .bind(userId)
    .first<{ available: number; held: number }>()) ?? {
    available: 0,
    held: 0,
  };
  expect(row.available).toBeGreaterThanOrEqual(0);
  expect(row.available + row.held).toBe(sums!.total);
  return row.available;
}

/** Ledger rows that mention a payment (grants, clawbacks, restores, referral bonuses). */
export async function rowsFor(paymentId: string): Promise<LedgerRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT kind, delta, reference, description, idempotency_key FROM credit_ledger WHERE reference = ? ORDER BY created_at, id",
  )
    .bind(`payment:${paymentId}`)
    .all<LedgerRow>();
  return results;
}

/** The stored payment row. */
export function paymentRow(id: string) {
  return env.DB.prepare("SELECT * FROM payments WHERE id = ?").bind(id).first<Record<string, unknown>>();
}

/** The recorded delivery. */
export function eventRow(id: string) {
  return env.DB.prepare("SELECT * FROM webhook_events WHERE provider = 'whop' AND id = ?").bind(id).first<Record<string, unknown>>();
}
