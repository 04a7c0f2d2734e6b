import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { findUserById } from "../auth/users";
import { userOfWhopSubject } from "../auth/whop/identities";
import type { Database } from "../db/client";
import { payments, subscriptions } from "../db/schema";

export type PaymentRow = typeof payments.$inferSelect;

/**
 * Records a payment the first time it is seen and answers the stored row. Later deliveries of
 * the same payment never change it: what the first one recorded (user, plan, credits) is what
 * every retry acts on, so concurrent deliveries all agree.
 */
export async function recordPayment(db: Database, row: PaymentRow): Promise<PaymentRow> {
  await db.insert(payments).values(row).onConflictDoNothing({ target: payments.id });
  const stored = await findPayment(db, row.id);
  if (!stored) throw new Error(`payment ${row.id} vanished after being recorded`);
  return stored;
}

/** A payment by its Whop id. */
export function findPayment(db: Database, id: string): Promise<PaymentRow | undefined> {
  return db.select().from(payments).where(eq(payments.id, id)).get();
}

/** Notes that the payment's credits are in the ledger (the grant itself is idempotent by payment id). */
export async function markGranted(db: Database, id: string, now: number): Promise<void> {
  await db
    .update(payments)
    .set({ grantedAt: now })
    .where(and(eq(payments.id, id), isNull(payments.grantedAt)));
}

/**
 * The user a Whop membership belongs to, learnt from an earlier event that carried our metadata:
 * renewal payments and membership events may come without it.
 */
async function userOfMembership(db: Database, membershipId: string): Promise<string | null> {
  const fromSubscription = await db
    .select({ userId: subscriptions.userId })
    .from(subscriptions)
    .where(and(eq(subscriptions.membershipId, membershipId), isNotNull(subscriptions.userId)))
    .get();
  if (fromSubscription?.userId) return fromSubscription.userId;
  const fromPayment = await db
    .select({ userId: payments.userId })
    .from(payments)
    .where(and(eq(payments.membershipId, membershipId), isNotNull(payments.userId)))
    .get();
  return fromPayment?.userId ?? null;
}

/**
 * Who a payment or membership is for: first the live account the Whop buyer (`user.id`) has linked
 * through Sign in with Whop (Whop itself says who paid); else the user our metadata names, if they
 * exist and are not deleted (metadata naming nobody attributes it to nobody); without metadata,
 * the membership's known user.
 */
export async function resolveUser(
  db: Database,
  metadataUserId: string | null,
  membershipId: string | null,
  whopUserId: string | null = null,
): Promise<string | null> {
  const linked = whopUserId ? await userOfWhopSubject(db, whopUserId) : undefined;
  if (linked) return linked.id;
  if (metadataUserId) return (await findUserById(db, metadataUserId))?.id ?? null;
  if (!membershipId) return null;
  const known = await userOfMembership(db, membershipId);
  return known && (await findUserById(db, known)) ? known : null;
}
