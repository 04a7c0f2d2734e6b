import { and, count, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { StaffSessionView, StaffUserSummary } from "../../shared/admin-users";
import type { Database } from "../db/client";
import { sessions, users } from "../db/schema";

/** Every column staff may read: never the password hash. */
const RECORD = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  ageConfirmedAt: users.ageConfirmedAt,
  referralCode: users.referralCode,
  referredBy: users.referredBy,
  flaggedAt: users.flaggedAt,
  flagReason: users.flagReason,
  processingRestrictedAt: users.processingRestrictedAt,
  suspendedAt: users.suspendedAt,
  createdAt: users.createdAt,
  deletedAt: users.deletedAt,
};

export type StaffUserRecord = Awaited<ReturnType<typeof userRecord>> & {};

/** A person's account row as staff see it, deleted (awaiting purge) ones too; undefined when there is none. */
export function userRecord(db: Database, id: string) {
  return db.select(RECORD).from(users).where(eq(users.id, id)).get();
}

/** The lookup's line for a person. */
export function toSummary(row: NonNullable<StaffUserRecord>): StaffUserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    emailVerified: row.emailVerifiedAt !== null,
    suspended: row.suspendedAt !== null,
    flagged: row.flaggedAt !== null,
    deleted: row.deletedAt !== null,
    createdAt: row.createdAt,
  };
}

/** The highest code point: `prefix + this` sorts after every email that starts with `prefix`. */
const AFTER_ALL = "\u{10ffff}";

/** People whose (lower-cased) email starts with `prefix`, in email order: a range on `users_email_unique`. */
export function usersByEmailPrefix(db: Database, prefix: string, limit: number) {
  const from = prefix.trim().toLowerCase();
  return db
    .select(RECORD)
    .from(users)
    .where(and(gte(users.email, from), lt(users.email, from + AFTER_ALL)))
    .orderBy(users.email)
    .limit(limit);
}

/** People by id (the primary key), in email order. */
export function usersByIds(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(RECORD)
    .from(users)
    .where(inArray(users.id, [...ids]))
    .orderBy(users.email);
}

/** The person's live sessions, most recently used first (no token hashes: those live in another table). */
export async function sessionsForStaff(db: Database, userId: string, now: number): Promise<StaffSessionView[]> {
  const rows = await db
    .select({
      id: sessions.id,
      browser: sessions.browser,
      os: sessions.os,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      secondFactorAt: sessions.secondFactorAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > ${now}`))
    .orderBy(desc(sessions.lastUsedAt));
  return rows.map(({ secondFactorAt, ...row }) => ({ ...row, secondFactor: secondFactorAt !== null }));
}

/** Sign-ups since `day` and since `week` (a range on `users_created_idx`). */
export async function signupCounts(db: Database, since: { day: number; week: number }): Promise<{ day: number; week: number }> {
  const row = await db
    .select({ day: sql<number>`COALESCE(SUM(${users.createdAt} >= ${since.day}), 0)`, week: count() })
    .from(users)
    .where(gte(users.createdAt, since.week))
    .get();
  return { day: row?.day ?? 0, week: row?.week ?? 0 };
}
