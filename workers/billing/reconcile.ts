import { and, eq, gt, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { paymentReversals, payments, referralRewards } from "../db/schema";
import { applyPayment, creditPayment } from "./apply-payment";
import type { BillingDeps } from "./deps";
import { grantBonuses } from "./referrals";
import { settleReversals } from "./settle";
import { paymentSchema } from "./whop-events";

const MINUTE = 60_000;
/** Whop retries a delivery for about 70 s; a day of payments covers any outage the job could miss. */
const LOOKBACK_MS = 24 * 60 * MINUTE;
/** Work younger than this may still be finishing in its own request. */
const SETTLE_GRACE_MS = MINUTE;
/** Bounds one run (the cron runs every 5 minutes; what is left waits for the next). */
const MAX_PAGES = 5;
const MAX_FETCHES = 50;
const BATCH = 50;

export interface ReconcileReport {
  listed: number;
  applied: number;
  resumed: number;
}

/**
 * The backstop for Whop's short retry window, run by cron: finishes local work a failed request
 * left half done (grants, parked refunds, referral bonuses), then — when a Whop key is
 * configured — lists the last day's payments and applies any paid one the webhook never
 * delivered, through the same idempotent path as the webhook.
 */
export async function reconcilePayments(deps: BillingDeps, now: number): Promise<ReconcileReport> {
  const resumed = await resumeUnfinished(deps, now);
  if (!deps.whop) return { listed: 0, applied: 0, resumed };
  let listed = 0;
  let applied = 0;
  let fetches = 0;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await deps.whop.listPayments(now - LOOKBACK_MS, cursor);
    listed += result.payments.length;
    for (const id of await missingPaid(deps, result.payments)) {
      if (fetches++ >= MAX_FETCHES) return { listed, applied, resumed };
      // The list omits metadata (who paid): fetch the payment itself.
      const parsed = paymentSchema.safeParse(await deps.whop.retrievePayment(id));
      if (!parsed.success || parsed.data.status !== "paid") continue;
      const outcome = await applyPayment(deps, parsed.data, `reconcile:${now}`);
      if (outcome.outcome === "granted") applied++;
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return { listed, applied, resumed };
}

/** Ids of paid payments in a list page that we have no record of. */
async function missingPaid(deps: BillingDeps, items: unknown[]): Promise<string[]> {
  const paid = items
    .map((item) => paymentSchema.pick({ id: true, status: true }).safeParse(item))
    .flatMap((r) => (r.success && r.data.status === "paid" ? [r.data.id] : []));
  if (paid.length === 0) return [];
  const known = await deps.db.select({ id: payments.id }).from(payments).where(inArray(payments.id, paid));
  const knownIds = new Set(known.map((row) => row.id));
  return paid.filter((id) => !knownIds.has(id));
}

/** Grants, reversals and referral bonuses whose request died before finishing them. */
async function resumeUnfinished(deps: BillingDeps, now: number): Promise<number> {
  const before = now - SETTLE_GRACE_MS;
  const ungranted = await deps.db
    .select()
    .from(payments)
    .where(and(isNull(payments.grantedAt), isNotNull(payments.userId), gt(payments.credits, 0), lt(payments.createdAt, before)))
    .limit(BATCH);
  for (const payment of ungranted) await creditPayment(deps, payment);

  // Only reversals whose payment is recorded: the others stay parked until it arrives.
  const unsettled = await deps.db
    .selectDistinct({ paymentId: paymentReversals.paymentId })
    .from(paymentReversals)
    .innerJoin(payments, eq(payments.id, paymentReversals.paymentId))
    .where(
      and(
        lt(paymentReversals.createdAt, before),
        or(
          inArray(paymentReversals.status, ["pending", "allocated"]),
          and(eq(paymentReversals.status, "voided"), isNotNull(paymentReversals.appliedAt), isNull(paymentReversals.restoredAt)),
        ),
      ),
    )
    .limit(BATCH);
  for (const { paymentId } of unsettled) await settleReversals(deps, paymentId);

  const earned = await deps.db
    .select()
    .from(referralRewards)
    .where(and(eq(referralRewards.status, "earned"), lt(referralRewards.createdAt, before)))
    .limit(BATCH);
  for (const reward of earned) {
    await grantBonuses(deps, reward);
    // A refund that arrived while the bonus was being granted takes the referrer's part back now.
    await settleReversals(deps, reward.paymentId);
  }
  return ungranted.length + unsettled.length + earned.length;
}
