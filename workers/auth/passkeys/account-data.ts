import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passkeyChallenges, passkeyCredentials } from "../../db/schema";
import type { AccountDataContribution } from "../../privacy/contract";
import { deleteInChunks } from "../../privacy/purge-rows";

/** The person's passkeys as they see them in Account → Security, plus the transports; never the key or the credential id. */
function passkeysOf(db: Database, userId: string) {
  const { id, name, transports, backedUp, createdAt, lastUsedAt } = passkeyCredentials;
  return db
    .select({ id, name, transports, backedUp, createdAt, lastUsedAt })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

/**
 * Passkeys' part of a person's data: listed in the export, deleted with the account (they stop
 * signing anyone in the moment deletion is asked for: sign-in only finds accounts not deleted).
 * Open registration challenges name the person too, for five minutes, and go with them.
 */
export const passkeysAccountData: AccountDataContribution = {
  capability: "passkeys",
  tables: ["passkey_credentials", "passkey_challenges"],
  exportSections: async (db, userId) => ({ passkeys: await passkeysOf(db, userId) }),
  purge: async (ctx) =>
    (await deleteInChunks(ctx, passkeyChallenges, eq(passkeyChallenges.userId, ctx.userId))) &&
    deleteInChunks(ctx, passkeyCredentials, eq(passkeyCredentials.userId, ctx.userId)),
};
