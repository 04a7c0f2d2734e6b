import { and, count, eq, gte, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { payments } from "../db/schema";

/** How many people one Whop user id may resolve to (one, in practice: a Whop account buys for one Ausar account). */
const WHOP_MATCH_LIMIT = 20;

/** The Ausar accounts a Whop user paid for (a lookup on `payments_whop_user_idx`). */
export async function usersPaidByWhopUser(db: Database, whopUserId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: payments.userId })
    .from(payments)
    .where(and(eq(payments.whopUserId, whopUserId), isNotNull(payments.userId)))
    .limit(WHOP_MATCH_LIMIT);
  return rows.flatMap((row) => (row.userId ? [row.userId] : []));
}

/** The Whop user ids behind the person's payments (on `payments_user_idx`). */
export async function whopUserIdsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ whopUserId: payments.whopUserId })
    .from(payments)
    .where(and(eq(payments.userId, userId), isNotNull(payments.whopUserId)))
    .limit(WHOP_MATCH_LIMIT);
  return rows.flatMap((row) => (row.whopUserId ? [row.whopUserId] : []));
}

/** Money paid in one currency, in minor units: gross as paid, and what was refunded of those payments since. */
export interface Revenue {
  currency: string;
  day: { payments: number; grossMinor: number; refundedMinor: number };
  week: { payments: number; grossMinor: number; refundedMinor: number };
}

/** Payments of the last week by currency (a range on `payments_paid_idx`); payments of unknown amount are left out. */
export async function revenueByCurrency(db: Database, since: { day: number; week: number }): Promise<Revenue[]> {
  const inDay = sql`${payments.paidAt} >= ${since.day}`;
  const rows = await db
    .select({
      currency: payments.currency,
      dayPayments: sql<number>`COALESCE(SUM(${inDay}), 0)`,
      dayGross: sql<number>`COALESCE(SUM(CASE WHEN ${inDay} THEN ${payments.amountMinor} END), 0)`,
      dayRefunded: sql<number>`COALESCE(SUM(CASE WHEN ${inDay} THEN ${payments.refundedMinor} END), 0)`,
      weekPayments: count(),
      weekGross: sql<number>`COALESCE(SUM(${payments.amountMinor}), 0)`,
      weekRefunded: sql<number>`COALESCE(SUM(${payments.refundedMinor}), 0)`,
    })
    .from(payments)
    .where(and(gte(payments.paidAt, since.week), isNotNull(payments.amountMinor), isNotNull(payments.currency)))
    .groupBy(payments.currency)
    .orderBy(payments.currency);
  return rows.map((r) => ({
    currency: (r.currency ?? "").toUpperCase(),
    day: { payments: r.dayPayments, grossMinor: r.dayGross, refundedMinor: r.dayRefunded },
    week: { payments: r.weekPayments, grossMinor: r.weekGross, refundedMinor: r.weekRefunded },
  }));
}
