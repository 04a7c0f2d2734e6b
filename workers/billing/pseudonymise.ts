import { eq, or } from "drizzle-orm";
import type { Database } from "../db/client";
import { payments, referralRewards, subscriptions } from "../db/schema";
import { newId } from "../lib/ids";

/**
 * Account erasure, billing's part: payments stay (tax law) but lose every link to the person —
 * the user id becomes a random pseudonym shared by their payments, and the Whop user and
 * membership ids go. Subscriptions and referral records are deleted. For the privacy purge,
 * which runs these statements in its own batch.
 */
export function pseudonymiseBilling(db: Database, userId: string) {
  const pseudonym = `erased:${newId()}`;
  return [
    db.update(payments).set({ userId: null, userRef: pseudonym, whopUserId: null, membershipId: null }).where(eq(payments.userId, userId)),
    db.delete(subscriptions).where(eq(subscriptions.userId, userId)),
    db.delete(referralRewards).where(or(eq(referralRewards.referredUserId, userId), eq(referralRewards.referrerId, userId))),
  ] as const;
}
