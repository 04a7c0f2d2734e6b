import { and, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { recoveryCodes, totpCredentials } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";

export type TotpCredential = typeof totpCredentials.$inferSelect;

/** The person's authenticator, enabled or still being enrolled, or null. */
export async function credentialOf(db: Database, userId: string): Promise<TotpCredential | null> {
  return (await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get()) ?? null;
}

/** Whether the person signs in with a second factor. */
export async function twoFactorEnabled(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.enabledAt)))
    .get();
  return row !== undefined;
}

/**
 * Uses up time step `step` for the person: true only if it is later than the last step accepted,
 * in one conditional update, so two requests with the same code cannot both pass.
 */
export async function claimStep(db: Database, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(totpCredentials)
    .set({ lastStep: step })
    .where(and(eq(totpCredentials.userId, userId), lt(totpCredentials.lastStep, step)))
    .returning({ userId: totpCredentials.userId });
  return rows.length === 1;
}

/** A recovery code as people type it: case, spaces and dashes do not matter. */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

/** Ten new recovery codes, shown once; `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomToken()
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      .slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5, 10)}`;
  });
}

/** The statements that replace the person's recovery codes by `codes` (stored hashed), for a batch. */
export async function replaceRecoveryCodes(db: Database, userId: string, codes: string[], now: number) {
  const hashes = await Promise.all(codes.map((code) => sha256Hex(normaliseRecoveryCode(code))));
  return [
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now }))),
  ] as const;
}

/** Uses up one of the person's recovery codes: true once per code, then never again. */
export async function claimRecoveryCode(db: Database, userId: string, code: string, now: number): Promise<boolean> {
  const codeHash = await sha256Hex(normaliseRecoveryCode(code));
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  return rows.length === 1;
}
