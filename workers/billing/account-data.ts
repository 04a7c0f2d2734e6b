import { asc, eq, inArray, or } from "drizzle-orm";
import { forgetLedgerKeys } from "../credits/account-data";
import { ledgerKey } from "../credits/operations";
import type { Database } from "../db/client";
import { paymentReversals, payments, referralRewards, subscriptions } from "../db/schema";
import { newId } from "../lib/ids";
import type { AccountDataContribution } from "../privacy/contract";
import { cancelMembershipsOf } from "./cancel-memberships";
import { whopFromEnv } from "./env-deps";
import { ledgerKeys } from "./ledger-lines";
import { pseudonymiseBilling } from "./pseudonymise";

async function readPayments(db: Database, userId: string) {
  const ownPayments = db.select({ id: payments.id }).from(payments).where(eq(payments.userId, userId));
  const [rows, reversals] = await Promise.all([
    db.select().from(payments).where(eq(payments.userId, userId)).orderBy(asc(payments.paidAt)).all(),
    db
      .select()
      .from(paymentReversals)
      .where(inArray(paymentReversals.paymentId, ownPayments))
      .orderBy(asc(paymentReversals.createdAt))
      .all(),
  ]);
  return rows.map((p) => ({
    id: p.id,
    planId: p.planId,
    credits: p.credits,
    amountMinor: p.amountMinor,
    currency: p.currency,
    status: p.status,
    refundedMinor: p.refundedMinor,
    whopUserId: p.whopUserId,
    membershipId: p.membershipId,
    paidAt: p.paidAt,
    reversals: reversals
      .filter((r) => r.paymentId === p.id)
      .map((r) => ({ id: r.id, kind: r.kind, amountMinor: r.amountMinor, status: r.status, createdAt: r.createdAt })),
  }));
}

function readSubscriptions(db: Database, userId: string) {
  const { membershipId, planId, status, cancelAtPeriodEnd, renewalPeriodEnd, createdAt, updatedAt } = subscriptions;
  return db
    .select({ membershipId, planId, status, cancelAtPeriodEnd, renewalPeriodEnd, createdAt, updatedAt })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

/** A referral says only which side the person was on: the other person's id never appears. */
async function readReferrals(db: Database, userId: string) {
  const rows = await db
    .select()
    .from(referralRewards)
    .where(or(eq(referralRewards.referredUserId, userId), eq(referralRewards.referrerId, userId)))
    .orderBy(asc(referralRewards.createdAt))
    .all();
  return rows.map((r) => {
    const referred = r.referredUserId === userId;
    return {
      role: referred ? "referred" : "referrer",
      credits: referred ? r.referredCredits : r.referrerCredits,
      status: r.status,
      createdAt: r.createdAt,
    };
  });
}

/**
 * Billing's part of a person's data. The purge step first cancels the person's Whop memberships
 * (cancel-memberships.ts), so nothing bills an erased account. Payments stay (tax law),
 * pseudonymised; subscriptions and referral records go. The referrer's bonus in the referrer's
 * ledger was keyed by the referred person's id: the key is replaced by a random one (the row stays: it is the referrer's money).
 */
export const billingAccountData: AccountDataContribution = {
  capability: "billing",
  tables: ["payments", "subscriptions", "referral_rewards"],
  exportSections: async (db, userId) => {
    const [paymentRows, subscriptionRows, referrals] = await Promise.all([
      readPayments(db, userId),
      readSubscriptions(db, userId),
      readReferrals(db, userId),
    ]);
    return { payments: paymentRows, subscriptions: subscriptionRows, referrals };
  },
  purge: (ctx) => cancelMembershipsOf(ctx, whopFromEnv(ctx.env)),
  finalStatements: (db, userId) => {
    const referral = ledgerKeys.referral(userId, "referrer");
    return [
      ...pseudonymiseBilling(db, userId),
      ...forgetLedgerKeys(db, [ledgerKey.grant(referral), ledgerKey.clawback(referral)], userId, `erased-${newId()}`),
    ];
  },
};
