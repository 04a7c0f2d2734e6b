import { and, eq } from "drizzle-orm";
import { REFERRAL_BONUS } from "../../shared/plans";
import { findUserById } from "../auth/users";
import { referralRewards } from "../db/schema";
import { processingRestricted } from "../privacy/consents";
import type { BillingDeps } from "./deps";
import { ledgerKeys, paymentReference, REFERRAL_LINES } from "./ledger-lines";
import type { PaymentRow } from "./payment-store";

type Deps = Pick<BillingDeps, "db" | "account" | "now">;

/**
 * When a referred user's first credited payment succeeds, both people get their bonus, once.
 * The reward row (one per referred user) decides which payment is "first"; the grants are keyed
 * by the referred user, so a retry or a second payment never grants again. While either person
 * has restricted processing no reward is earned (a referral bonus is not needed for the contract):
 * the first credited payment after the restriction is lifted earns it instead.
 */
export async function rewardReferral(deps: Deps, payment: PaymentRow): Promise<void> {
  if (!payment.userId || payment.credits <= 0 || payment.grantedAt === null) return;
  const user = await findUserById(deps.db, payment.userId);
  if (!user?.referredBy || user.referredBy === user.id) return;
  const restricted = await Promise.all([processingRestricted(deps.db, user.id), processingRestricted(deps.db, user.referredBy)]);
  if (restricted.some(Boolean)) return;
  await deps.db
    .insert(referralRewards)
    .values({
      referredUserId: user.id,
      referrerId: user.referredBy,
      paymentId: payment.id,
      referrerCredits: REFERRAL_BONUS.referrer,
      referredCredits: REFERRAL_BONUS.referred,
      status: "earned",
      createdAt: deps.now(),
    })
    .onConflictDoNothing({ target: referralRewards.referredUserId });
  const reward = await deps.db.select().from(referralRewards).where(eq(referralRewards.referredUserId, user.id)).get();
  if (!reward || reward.paymentId !== payment.id || reward.status !== "earned") return;
  await grantBonuses(deps, reward);
}

/** Grants both bonuses of an earned reward (idempotent by key) and marks it granted. */
export async function grantBonuses(deps: Deps, reward: typeof referralRewards.$inferSelect): Promise<void> {
  const reference = paymentReference(reward.paymentId);
  const referred = reward.referredUserId;
  await expectOk(
    deps
      .account(referred)
      .grant(ledgerKeys.referral(referred, "referred"), reward.referredCredits, "referral", reference, REFERRAL_LINES.referred),
  );
  if (await findUserById(deps.db, reward.referrerId)) {
    await expectOk(
      deps
        .account(reward.referrerId)
        .grant(ledgerKeys.referral(referred, "referrer"), reward.referrerCredits, "referral", reference, REFERRAL_LINES.referrer),
    );
  }
  await deps.db
    .update(referralRewards)
    .set({ status: "granted", grantedAt: deps.now() })
    .where(and(eq(referralRewards.referredUserId, referred), eq(referralRewards.status, "earned")));
}

/**
 * A refund or dispute of the rewarded payment takes the referrer's bonus back, once (the
 * referred person keeps theirs, as the referral terms say). A reward still being granted is
 * left to `grantBonuses`' caller, which checks for reversals after granting.
 */
export async function reverseReferral(deps: Deps, paymentId: string): Promise<void> {
  const reward = await deps.db
    .select()
    .from(referralRewards)
    .where(and(eq(referralRewards.paymentId, paymentId), eq(referralRewards.status, "granted")))
    .get();
  if (!reward) return;
  if (await findUserById(deps.db, reward.referrerId)) {
    await deps
      .account(reward.referrerId)
      .clawback(
        ledgerKeys.referral(reward.referredUserId, "referrer"),
        reward.referrerCredits,
        paymentReference(paymentId),
        REFERRAL_LINES.reversed,
      );
  }
  await deps.db
    .update(referralRewards)
    .set({ status: "reversed", reversedAt: deps.now() })
    .where(and(eq(referralRewards.referredUserId, reward.referredUserId), eq(referralRewards.status, "granted")));
}

async function expectOk(result: Promise<{ ok: boolean }>): Promise<void> {
  const answer = await result;
  if (!answer.ok) throw new Error("referral grant refused");
}
