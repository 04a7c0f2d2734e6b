import { and, count, desc, eq, inArray, isNull, lt, or, sum } from "drizzle-orm";
import { ACTIVE_MEMBERSHIP_STATUSES, type PaymentsPage, type ReferralSummary, type SubscriptionView } from "../../shared/billing";
import { planById, REFERRAL_BONUS } from "../../shared/plans";
import { mustFindUser } from "../auth/users";
import type { Database } from "../db/client";
import { payments, referralRewards, subscriptions, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { toPaymentView } from "./payment-view";

const CURSOR = /^(\d{1,16}):([\x21-\x7e]{1,100})$/;

function decodeCursor(cursor: string): { paidAt: number; id: string } {
  const match = CURSOR.exec(cursor);
  if (!match) throw new AppError("invalid_cursor", "That cursor is not valid.");
  return { paidAt: Number(match[1]), id: match[2]! };
}

/** The user's payments, newest first, `limit` a page. */
export async function paymentsOf(db: Database, userId: string, query: { cursor?: string; limit: number }): Promise<PaymentsPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.userId, userId),
        after ? or(lt(payments.paidAt, after.paidAt), and(eq(payments.paidAt, after.paidAt), lt(payments.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(payments.paidAt), desc(payments.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toPaymentView), nextCursor: rows.length > query.limit && last ? `${last.paidAt}:${last.id}` : null };
}

/** The user's subscription that still gives access (newest), else their latest one, else null. */
export async function subscriptionOf(db: Database, userId: string): Promise<SubscriptionView | null> {
  const row = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(inArray(subscriptions.status, [...ACTIVE_MEMBERSHIP_STATUSES])), desc(subscriptions.eventAt))
    .get();
  if (!row) return null;
  const plan = row.planId ? planById(row.planId) : undefined;
  return {
    membershipId: row.membershipId,
    planId: row.planId,
    planName: plan?.name ?? null,
    status: row.status,
    active: (ACTIVE_MEMBERSHIP_STATUSES as readonly string[]).includes(row.status),
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    renewsAt: row.renewalPeriodEnd,
    creditsPerMonth: plan?.credits ?? null,
    manageUrl: row.manageUrl,
  };
}

/** The user's referral code and link, how many people signed up with it, and the bonuses earned. */
export async function referralsOf(db: Database, userId: string, publicUrl: string): Promise<ReferralSummary> {
  const [user, signedUp, totals, rewards] = await Promise.all([
    mustFindUser(db, userId),
    db.$count(users, and(eq(users.referredBy, userId), isNull(users.deletedAt))),
    db
      .select({ rewarded: count(), credits: sum(referralRewards.referrerCredits) })
      .from(referralRewards)
      .where(and(eq(referralRewards.referrerId, userId), eq(referralRewards.status, "granted")))
      .get(),
    db.select().from(referralRewards).where(eq(referralRewards.referrerId, userId)).orderBy(desc(referralRewards.createdAt)).limit(100),
  ]);
  return {
    code: user.referralCode,
    link: `${publicUrl.replace(/\/$/, "")}/signup?ref=${encodeURIComponent(user.referralCode)}`,
    bonus: { referrer: REFERRAL_BONUS.referrer, referred: REFERRAL_BONUS.referred },
    signedUp,
    rewarded: totals?.rewarded ?? 0,
    creditsEarned: Number(totals?.credits ?? 0),
    rewards: rewards.map((r) => ({ createdAt: r.createdAt, credits: r.referrerCredits, status: r.status })),
  };
}
