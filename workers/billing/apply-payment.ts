import { planById, planByWhopId } from "../../shared/plans";
import { belongsToErasedAccount } from "./cancel-memberships";
import type { BillingDeps } from "./deps";
import { grantLine, paymentReference } from "./ledger-lines";
import { toMillis, toMinorUnits } from "./money";
import { paymentReviewReason } from "./payment-check";
import { markGranted, type PaymentRow, recordPayment, resolveUser } from "./payment-store";
import { toPaymentView } from "./payment-view";
import { rewardReferral } from "./referrals";
import { settleReversals } from "./settle";
import { ausarUserIdOf, type WhopPayment } from "./whop-events";

/** What handling an event did, as recorded on its `webhook_events` row. */
export interface EventOutcome {
  outcome: string;
  paymentId?: string | null;
  detail?: string | null;
}

/**
 * A paid Whop payment: record it (first sighting wins), then credit the plan's credits to the
 * user through their Account object keyed by the payment id — so however many times and by
 * whichever path (webhook, redelivery, reconciliation) it arrives, it is granted exactly once.
 * A payment that did not pay the plan's price in the plan's currency (a coupon, a trial, another
 * currency, no amount) is recorded with status `review` and grants nothing (docs/billing.md).
 * A payment that names no known user or plan is recorded for review and grants nothing; one for
 * an erased account is recorded as `refund_due` (see cancel-memberships.ts).
 */
export async function applyPayment(deps: BillingDeps, data: WhopPayment, firstEventId: string): Promise<EventOutcome> {
  const now = deps.now();
  const plan = data.plan ? planByWhopId(data.plan.id) : undefined;
  const userId = await resolveUser(deps.db, ausarUserIdOf(data.metadata), data.membership?.id ?? null, data.user?.id ?? null);
  // A renewal that still arrives for an erased account is owed back, and keeps no Whop ids of the person.
  const erased = !userId && (await belongsToErasedAccount(deps.db, ausarUserIdOf(data.metadata), data.membership?.id ?? null));
  const reviewReason = erased ? "refund_due" : !userId ? "unknown_user" : !plan ? "unknown_plan" : paymentReviewReason(plan, data);
  const total = data.total ?? data.subtotal;
  const currency = data.currency ?? null;
  const row: PaymentRow = {
    id: data.id,
    userId,
    userRef: null,
    planId: plan?.id ?? null,
    whopPlanId: data.plan?.id ?? null,
    credits: plan && userId && !reviewReason ? plan.credits : 0,
    amountMinor: total === null || total === undefined ? null : toMinorUnits(total, currency),
    currency,
    whopUserId: erased ? null : (data.user?.id ?? null),
    membershipId: erased ? null : (data.membership?.id ?? null),
    status: reviewReason ? "review" : "paid",
    reviewReason,
    refundedMinor: 0,
    clawedBack: 0,
    clawbackShortfall: 0,
    firstEventId,
    paidAt: toMillis(data.paid_at) ?? toMillis(data.created_at) ?? now,
    grantedAt: null,
    createdAt: now,
    refundRequestedAt: null,
    refundRequestedMinor: null,
  };
  const stored = await recordPayment(deps.db, row);
  const applied = await creditPayment(deps, stored);
  const outcome = stored.reviewReason ?? (applied ? "granted" : "duplicate");
  return { outcome, paymentId: stored.id };
}

/**
 * Everything after recording, for a stored payment: the grant, the "payment received" push, the
 * referral bonus, and any refunds parked while the payment was unknown. Idempotent; the
 * reconciliation job calls it again for payments whose grant did not finish.
 */
export async function creditPayment(deps: BillingDeps, stored: PaymentRow): Promise<boolean> {
  const plan = stored.planId ? planById(stored.planId) : undefined;
  let applied = false;
  let payment = stored;
  if (plan && stored.userId && stored.credits > 0) {
    // Once a payment is marked granted its grant is in the ledger: a redelivery skips the Account call.
    if (stored.grantedAt === null) {
      const account = deps.account(stored.userId);
      const source = plan.kind === "pack" ? "purchase" : "subscription";
      const result = await account.grant(stored.id, stored.credits, source, paymentReference(stored.id), grantLine(plan, stored.paidAt));
      if (!result.ok) throw new Error(`grant for ${stored.id} refused: ${result.code}`);
      applied = result.applied;
      const grantedAt = deps.now();
      await markGranted(deps.db, stored.id, grantedAt);
      payment = { ...stored, grantedAt };
      if (applied) {
        // The push only speeds up the Billing page (it refetches anyway); a lost push must not fail the payment.
        await account.publish({ type: "payment", payment: toPaymentView(payment) }).catch((error: unknown) => {
          console.error(JSON.stringify({ level: "warn", event: "payment_publish_failed", paymentId: stored.id, error: String(error) }));
        });
      }
    }
    await rewardReferral(deps, payment);
  }
  await settleReversals(deps, stored.id);
  return applied;
}
