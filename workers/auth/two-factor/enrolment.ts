import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { recoveryCodes, sessions, totpCredentials } from "../../db/schema";
import { AppError } from "../../lib/errors";
import type { UserRow } from "../users";
import { acceptSecondFactor, acceptTotpCode } from "./codes";
import { credentialOf, newRecoveryCodes, replaceRecoveryCodes } from "./store";
import { newTotpSecret, otpauthUrl } from "./totp";

/** The statement that records that a session proved the second factor (staff routes need it). */
const markSessionProved = (db: Database, sessionId: string, now: number) =>
  db.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, sessionId));

/**
 * Starts (or restarts) enrolment: a new secret, not yet in force. Refused while two-factor is on:
 * turning it off first needs a code, so a stolen session cannot swap the authenticator.
 */
export async function startEnrolment(db: Database, user: Pick<UserRow, "id" | "email">, now: number) {
  const existing = await credentialOf(db, user.id);
  if (existing?.enabledAt)
    throw new AppError("conflict", "Two-factor sign-in is already on. Turn it off first to use another authenticator.");
  const secret = newTotpSecret();
  const row = { secret, enabledAt: null, lastStep: 0, createdAt: now };
  await db
    .insert(totpCredentials)
    .values({ userId: user.id, ...row })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: row });
  return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
}

/**
 * Confirms enrolment with the first code from the app: two-factor is on from now, ten recovery
 * codes are made (returned once, stored hashed), and this session counts as having proved it.
 */
export async function confirmEnrolment(db: Database, userId: string, sessionId: string, code: string, now: number): Promise<string[]> {
  const pending = await credentialOf(db, userId);
  if (!pending) throw new AppError("invalid_state", "Start setting up two-factor sign-in first.");
  if (pending.enabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
  await acceptTotpCode(db, userId, code, now, { pending: true });
  const codes = newRecoveryCodes();
  await db.batch([
    db.update(totpCredentials).set({ enabledAt: now }).where(eq(totpCredentials.userId, userId)),
    ...(await replaceRecoveryCodes(db, userId, codes, now)),
    markSessionProved(db, sessionId, now),
  ]);
  return codes;
}

/** Turns two-factor off with a current code or a recovery code. Staff keep theirs: the console needs it. */
export async function disableTwoFactor(db: Database, user: Pick<UserRow, "id" | "role">, code: string, now: number): Promise<void> {
  if (user.role !== "user") throw new AppError("forbidden", "Staff accounts must keep two-factor sign-in on.");
  const credential = await credentialOf(db, user.id);
  if (!credential?.enabledAt) throw new AppError("invalid_state", "Two-factor sign-in is not on.");
  await acceptSecondFactor(db, user.id, code, now);
  await db.batch([
    db.delete(totpCredentials).where(eq(totpCredentials.userId, user.id)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
  ]);
}
