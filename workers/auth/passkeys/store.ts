import { and, asc, eq } from "drizzle-orm";
import type { PasskeyView } from "../../../shared/passkeys";
import type { Database } from "../../db/client";
import { passkeyCredentials } from "../../db/schema";
import { newId } from "../../lib/ids";

export type PasskeyRow = typeof passkeyCredentials.$inferSelect;

/** What Account → Security shows of a passkey: never its key or credential id. */
export const toPasskeyView = (row: PasskeyRow): PasskeyView => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  backedUp: row.backedUp,
});

/** The person's passkeys, oldest first. */
export function passkeysOf(db: Database, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeyCredentials).where(eq(passkeyCredentials.userId, userId)).orderBy(asc(passkeyCredentials.createdAt)).all();
}

/** The passkey an assertion names, whoever owns it (sign-in learns the person from it). */
export async function passkeyByCredentialId(db: Database, credentialId: string): Promise<PasskeyRow | null> {
  return (await db.select().from(passkeyCredentials).where(eq(passkeyCredentials.credentialId, credentialId)).get()) ?? null;
}

/**
 * Stores a verified new passkey; null when that credential is registered already (the credential id
 * is unique, so one authenticator key never belongs to two rows or two people).
 */
export async function insertPasskey(
  db: Database,
  input: Pick<PasskeyRow, "userId" | "credentialId" | "publicKey" | "counter" | "transports" | "backedUp" | "name">,
  now: number,
): Promise<PasskeyRow | null> {
  const row = { id: newId(now), ...input, createdAt: now, lastUsedAt: null };
  const [inserted] = await db.insert(passkeyCredentials).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/**
 * Records a sign-in with the passkey: the new signature count and when. Conditional on the count
 * read before the check (`previous`), so two assertions racing with one count cannot both pass.
 */
export async function recordPasskeyUse(
  db: Database,
  passkey: Pick<PasskeyRow, "id" | "counter">,
  update: { counter: number; backedUp: boolean },
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(passkeyCredentials)
    .set({ counter: update.counter, backedUp: update.backedUp, lastUsedAt: now })
    .where(and(eq(passkeyCredentials.id, passkey.id), eq(passkeyCredentials.counter, passkey.counter)))
    .returning({ id: passkeyCredentials.id });
  return rows.length === 1;
}

/** Renames one of the person's passkeys; null when it is not theirs. */
export async function renamePasskey(db: Database, userId: string, id: string, name: string): Promise<PasskeyRow | null> {
  const [row] = await db
    .update(passkeyCredentials)
    .set({ name })
    .where(and(eq(passkeyCredentials.id, id), eq(passkeyCredentials.userId, userId)))
    .returning();
  return row ?? null;
}

/** Removes one of the person's passkeys; false when it is not theirs. */
export async function deletePasskey(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(passkeyCredentials)
    .where(and(eq(passkeyCredentials.id, id), eq(passkeyCredentials.userId, userId)))
    .returning({ id: passkeyCredentials.id });
  return rows.length === 1;
}
