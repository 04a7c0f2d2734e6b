import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { paymentReversals } from "../db/schema";

export type ReversalRow = typeof paymentReversals.$inferSelect;

/** Records a refund or dispute once (its Whop id is the key); later deliveries change nothing. */
export async function insertReversal(
  db: Database,
  row: Pick<ReversalRow, "id" | "paymentId" | "kind" | "amountMinor" | "createdAt">,
): Promise<void> {
  await db
    .insert(paymentReversals)
    .values({ ...row, status: "pending" })
    .onConflictDoNothing({ target: paymentReversals.id });
}

/** A refund that failed or was canceled, or a dispute that was won: it takes nothing (more) back. */
export async function voidReversal(
  db: Database,
  row: Pick<ReversalRow, "id" | "paymentId" | "kind" | "amountMinor" | "createdAt">,
): Promise<void> {
  await db
    .insert(paymentReversals)
    .values({ ...row, status: "voided", voidedAt: row.createdAt })
    .onConflictDoUpdate({
      target: paymentReversals.id,
      set: { status: "voided", voidedAt: row.createdAt },
      setWhere: sql`${paymentReversals.status} != 'voided'`,
    });
}

/**
 * Fixes how many credits one reversal takes back, in one statement, so that two reversals of one
 * payment allocated at the same time still cannot take back more than the payment granted.
 * The share is cumulative: credits × (minor units reversed so far, this one included, capped at
 * the payment's amount) ÷ amount, rounded half up, minus what earlier reversals already took.
 * A reversal without an amount, or of a payment without one, takes back whatever is left.
 */
export function allocateReversal(db: Database, paymentId: string, reversalId: string) {
  return db.run(sql`
    UPDATE payment_reversals SET status = 'allocated', credits = (
      SELECT MAX(0,
        CASE WHEN p.amount_minor > 0 AND payment_reversals.amount_minor IS NOT NULL
          THEN MIN(p.credits, (2 * p.credits * MIN(p.amount_minor, a.minor + payment_reversals.amount_minor) + p.amount_minor) / (2 * p.amount_minor))
          ELSE p.credits END - a.credits)
      FROM payments p,
        (SELECT COALESCE(SUM(x.credits), 0) AS credits, COALESCE(SUM(x.amount_minor), 0) AS minor
         FROM payment_reversals x
         WHERE x.payment_id = ${paymentId} AND x.credits IS NOT NULL AND x.status != 'voided') AS a
      WHERE p.id = ${paymentId})
    WHERE id = ${reversalId} AND payment_id = ${paymentId} AND status = 'pending'`);
}

/** Records what the clawback took, once. A reversal voided meanwhile keeps its status, so its restore still sees `taken`. */
export function markApplied(db: Database, reversalId: string, taken: number, shortfall: number, now: number) {
  return db.run(sql`
    UPDATE payment_reversals
    SET status = CASE WHEN status = 'allocated' THEN 'applied' ELSE status END, taken = ${taken}, shortfall = ${shortfall}, applied_at = ${now}
    WHERE id = ${reversalId} AND applied_at IS NULL`);
}

/** Notes that a voided reversal's credits were granted back. */
export function markRestored(db: Database, reversalId: string, now: number) {
  return db.run(sql`UPDATE payment_reversals SET restored_at = ${now} WHERE id = ${reversalId} AND restored_at IS NULL`);
}

/** Recomputes the payment's totals and status from its reversals (idempotent; safe to run concurrently). */
export function recomputePayment(db: Database, paymentId: string) {
  const applied = sql.raw("r.payment_id = payments.id AND r.status = 'applied'");
  const outstanding = sql.raw("r.payment_id = payments.id AND r.applied_at IS NOT NULL AND r.restored_at IS NULL");
  return db.run(sql`
    UPDATE payments SET
      refunded_minor = MIN(COALESCE(amount_minor, 0),
        COALESCE((SELECT SUM(COALESCE(r.amount_minor, payments.amount_minor)) FROM payment_reversals r WHERE ${applied}), 0)),
      clawed_back = COALESCE((SELECT SUM(r.taken) FROM payment_reversals r WHERE ${outstanding}), 0),
      clawback_shortfall = COALESCE((SELECT SUM(r.shortfall) FROM payment_reversals r WHERE ${outstanding}), 0),
      status = CASE
        WHEN EXISTS (SELECT 1 FROM payment_reversals r WHERE ${applied} AND r.kind = 'dispute') THEN 'disputed'
        WHEN NOT EXISTS (SELECT 1 FROM payment_reversals r WHERE ${applied}) THEN CASE WHEN review_reason IS NULL THEN 'paid' ELSE 'review' END
        WHEN amount_minor IS NULL
          OR EXISTS (SELECT 1 FROM payment_reversals r WHERE ${applied} AND r.amount_minor IS NULL)
          OR (SELECT SUM(r.amount_minor) FROM payment_reversals r WHERE ${applied}) >= amount_minor THEN 'refunded'
        ELSE 'partially_refunded' END
    WHERE id = ${paymentId}`);
}
