import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { paymentReversals } from "../db/schema";
import type { BillingDeps } from "./deps";
import { ledgerKeys, paymentReference, RESTORE_LINES, REVERSAL_LINES } from "./ledger-lines";
import { findPayment, type PaymentRow } from "./payment-store";
import { reverseReferral } from "./referrals";
import { allocateReversal, markApplied, markRestored, type ReversalRow, recomputePayment } from "./reversal-sql";

type Deps = Pick<BillingDeps, "db" | "account" | "now">;

/**
 * Brings a payment's refunds and disputes up to date: allocates the credits each one takes back,
 * claws them back through the Account object (keyed per reversal, so a retry takes nothing more),
 * grants back voided ones, and takes back the referrer's bonus. Reversals of a payment not yet
 * recorded and credited stay parked until it is; every step is safe to run again or concurrently.
 */
export async function settleReversals(deps: Deps, paymentId: string): Promise<"parked" | "settled"> {
  const payment = await findPayment(deps.db, paymentId);
  if (!payment || (payment.credits > 0 && payment.userId !== null && payment.grantedAt === null)) return "parked";

  const reversals = () =>
    deps.db
      .select()
      .from(paymentReversals)
      .where(eq(paymentReversals.paymentId, paymentId))
      .orderBy(asc(paymentReversals.createdAt), asc(paymentReversals.id));
  const all = await reversals();
  if (all.length === 0) return "settled";
  // One at a time, oldest first: each allocation reads what the earlier ones took.
  for (const r of all) {
    if (r.status === "pending") await allocateReversal(deps.db, paymentId, r.id);
  }
  for (const r of await reversals()) {
    if (r.status === "allocated" && r.appliedAt === null) await applyOne(deps, payment, r);
  }
  const voided = await deps.db
    .select()
    .from(paymentReversals)
    .where(
      and(
        eq(paymentReversals.paymentId, paymentId),
        eq(paymentReversals.status, "voided"),
        isNotNull(paymentReversals.appliedAt),
        isNull(paymentReversals.restoredAt),
      ),
    );
  for (const r of voided) await restoreOne(deps, payment, r);
  await recomputePayment(deps.db, paymentId);

  const applied = await deps.db
    .select({ id: paymentReversals.id })
    .from(paymentReversals)
    .where(and(eq(paymentReversals.paymentId, paymentId), eq(paymentReversals.status, "applied")))
    .get();
  if (applied) await reverseReferral(deps, paymentId);
  return "settled";
}

async function applyOne(deps: Deps, payment: PaymentRow, r: ReversalRow): Promise<void> {
  const credits = r.credits ?? 0;
  let taken = 0;
  let shortfall = 0;
  if (credits > 0 && payment.userId) {
    const result = await deps
      .account(payment.userId)
      .clawback(ledgerKeys.reversal(payment.id, r.id), credits, paymentReference(payment.id), REVERSAL_LINES[r.kind]);
    taken = result.taken;
    shortfall = result.shortfall;
  } else if (credits > 0) {
    // The account was erased after paying: there is nothing left to take back.
    shortfall = credits;
  }
  await markApplied(deps.db, r.id, taken, shortfall, deps.now());
}

async function restoreOne(deps: Deps, payment: PaymentRow, r: ReversalRow): Promise<void> {
  // What it took, plus the debt it left: the restored credits pay the debt first (in the same
  // batch), so a debt this reversal left is cancelled and a part already repaid comes back.
  const restored = (r.taken ?? 0) + (r.shortfall ?? 0);
  if (restored > 0 && payment.userId) {
    const result = await deps
      .account(payment.userId)
      .grant(ledgerKeys.restore(payment.id, r.id), restored, "purchase", paymentReference(payment.id), RESTORE_LINES[r.kind]);
    if (!result.ok) throw new Error(`restoring ${r.id} was refused`);
  }
  await markRestored(deps.db, r.id, deps.now());
}
