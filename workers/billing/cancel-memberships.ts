import { and, eq, inArray, isNotNull, lt, ne, notInArray, sql } from "drizzle-orm";
import { union } from "drizzle-orm/sqlite-core";
import { type Database, database } from "../db/client";
import { erasedMemberships, payments, subscriptions, users } from "../db/schema";
import type { Budget } from "../privacy/budget";
import type { WhopApi } from "./whop-api";

/**
 * How long an erased account's membership is remembered after Whop confirmed the cancel: past the
 * longest billing period (a year) plus Whop's retry window, no renewal for it can still arrive.
 */
export const ERASED_MEMBERSHIP_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** Subscription statuses after which Whop never bills the membership again. */
const ENDED = ["canceled", "completed", "expired"];

export interface CancelMembershipsContext {
  db: Database;
  userId: string;
  now: number;
  budget: Budget;
}

/** The person's Whop memberships that may still bill (one query): live subscriptions, and memberships known only from payments. */
async function billableMemberships(db: Database, userId: string): Promise<string[]> {
  const ended = db
    .select({ id: subscriptions.membershipId })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, ENDED)));
  const rows = await union(
    db
      .select({ id: subscriptions.membershipId })
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, userId), notInArray(subscriptions.status, ENDED))),
    db
      .select({ id: sql<string>`${payments.membershipId}` })
      .from(payments)
      .where(and(eq(payments.userId, userId), isNotNull(payments.membershipId), notInArray(payments.membershipId, ended))),
  ).all();
  return rows.map((r) => r.id);
}

/**
 * Billing's purge step: every Whop membership of the erased person that may still bill is
 * recorded in `erased_memberships` (no link to the person) and canceled at Whop, immediately.
 * Idempotent: a membership Whop confirmed is never called again. A Whop failure is recorded on
 * its row and thrown, so the purge message is retried with backoff and the erasure finishes only
 * after Whop stops billing. Without a Whop API key (offline development: the local checkout has
 * no Whop behind it, nothing can bill) the rows are marked `offline` and nothing is called.
 */
export async function cancelMembershipsOf(ctx: CancelMembershipsContext, whop: WhopApi | null): Promise<boolean> {
  if (!ctx.budget.spend()) return false;
  const ids = await billableMemberships(ctx.db, ctx.userId);
  if (ids.length === 0) return true;
  if (!ctx.budget.spend(2)) return false;
  await ctx.db
    .insert(erasedMemberships)
    .values(ids.map((membershipId) => ({ membershipId, status: whop ? ("pending" as const) : ("offline" as const), createdAt: ctx.now })))
    .onConflictDoNothing();
  const pending = await ctx.db
    .select({ id: erasedMemberships.membershipId })
    .from(erasedMemberships)
    .where(and(inArray(erasedMemberships.membershipId, ids), eq(erasedMemberships.status, "pending")))
    .all();
  if (!whop) return true;
  for (const { id } of pending) {
    // One Whop call (two when Whop refuses and its status must be read) and one row update.
    if (!ctx.budget.spend(3)) return false;
    try {
      await whop.cancelMembership(id);
    } catch (error) {
      await ctx.db
        .update(erasedMemberships)
        .set({ attempts: sql`${erasedMemberships.attempts} + 1`, lastError: String(error).slice(0, 500) })
        .where(eq(erasedMemberships.membershipId, id));
      throw error;
    }
    await ctx.db
      .update(erasedMemberships)
      .set({ status: "canceled", canceledAt: ctx.now, attempts: sql`${erasedMemberships.attempts} + 1`, lastError: null })
      .where(eq(erasedMemberships.membershipId, id));
  }
  return true;
}

/**
 * Whether a payment or membership event belongs to an erased (or being erased) account: its membership was canceled
 * by a purge, or our metadata names an account whose deletion was requested. Such a payment is
 * recorded as `refund_due` and never granted.
 */
export async function belongsToErasedAccount(db: Database, metadataUserId: string | null, membershipId: string | null): Promise<boolean> {
  const [erased, deleted] = await Promise.all([
    membershipId
      ? db
          .select({ id: erasedMemberships.membershipId })
          .from(erasedMemberships)
          .where(eq(erasedMemberships.membershipId, membershipId))
          .get()
      : undefined,
    metadataUserId ? db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, metadataUserId)).get() : undefined,
  ]);
  return erased !== undefined || (deleted?.deletedAt ?? null) !== null;
}

/** Cron task: forgets erased accounts' memberships once no renewal for them can arrive (pending ones stay until canceled). */
export async function sweepErasedMemberships(d1: D1Database, now: number): Promise<void> {
  await database(d1)
    .delete(erasedMemberships)
    .where(
      and(
        ne(erasedMemberships.status, "pending"),
        lt(sql`COALESCE(${erasedMemberships.canceledAt}, ${erasedMemberships.createdAt})`, now - ERASED_MEMBERSHIP_RETENTION_MS),
      ),
    );
}
