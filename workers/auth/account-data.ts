import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { emailTokens, recoveryCodes, refreshTokens, sessions, totpCredentials, users } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteAllInChunks } from "../privacy/purge-rows";
import { forgetWelcomeClaimant } from "./welcome-credits";

async function readProfile(db: Database, userId: string) {
  const row = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      ageConfirmedAt: users.ageConfirmedAt,
      referralCode: users.referralCode,
      referredBy: users.referredBy,
      processingRestrictedAt: users.processingRestrictedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  // Who referred the person is someone else's id: the export says only that someone did.
  const { referredBy, ...profile } = row;
  return { ...profile, referred: referredBy !== null };
}

/** Sign-ins, with all the device data ever kept: browser, operating system, screen to the nearest 100 px. */
function readSessions(db: Database, userId: string) {
  const { id, browser, os, screen, createdAt, lastUsedAt, expiresAt, revokedAt, revokeReason } = sessions;
  return db
    .select({ id, browser, os, screen, createdAt, lastUsedAt, expiresAt, revokedAt, revokeReason })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

/** Whether and since when two-factor sign-in is on; never the secret or the recovery codes' hashes. */
async function readTwoFactor(db: Database, userId: string) {
  const row = await db
    .select({ enabledAt: totpCredentials.enabledAt })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .get();
  return { enabled: row?.enabledAt != null, since: row?.enabledAt ?? null };
}

/**
 * Accounts' part of a person's data: the profile, sign-ins and two-factor. The user row itself goes in the
 * purge's very last statement (while it exists, with `deleted_at`, it marks an unfinished purge),
 * so this contribution is the registry's last; someone the person referred keeps their account,
 * but not who referred them.
 */
export const authAccountData: AccountDataContribution = {
  capability: "auth",
  // welcome_grants stays after erasure (a fraud-prevention record, docs/privacy.md): only its user_id is cleared.
  tables: ["users", "sessions", "refresh_tokens", "email_tokens", "welcome_grants", "totp_credentials", "recovery_codes"],
  exportSections: async (db, userId) => {
    const [profile, sessionRows, twoFactor] = await Promise.all([
      readProfile(db, userId),
      readSessions(db, userId),
      readTwoFactor(db, userId),
    ]);
    return { profile, sessions: sessionRows, twoFactor };
  },
  // Refresh tokens go before the sessions they hang from.
  purge: (ctx) =>
    deleteAllInChunks(ctx, [
      [
        refreshTokens,
        inArray(refreshTokens.sessionId, ctx.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ctx.userId))),
      ],
      [sessions, eq(sessions.userId, ctx.userId)],
      [emailTokens, eq(emailTokens.userId, ctx.userId)],
      [recoveryCodes, eq(recoveryCodes.userId, ctx.userId)],
      [totpCredentials, eq(totpCredentials.userId, ctx.userId)],
    ]),
  finalStatements: (db, userId) => [
    db.update(users).set({ referredBy: null }).where(eq(users.referredBy, userId)),
    forgetWelcomeClaimant(db, userId),
    db.delete(users).where(eq(users.id, userId)),
  ],
};
