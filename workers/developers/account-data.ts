import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKeys } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";

/** Every key the person made, revoked ones too, oldest first: what it could do and when it was used, never its secret or hash. */
async function apiKeysOf(db: Database, userId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      monthlyCreditCap: apiKeys.monthlyCreditCap,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .all();
}

/**
 * The developer platform's part of a person's data: their API keys, listed in the export without
 * secrets and deleted with the account (they stop working the moment deletion is asked for, as
 * `resolveApiKey` reads the account's state).
 */
export const developersAccountData: AccountDataContribution = {
  capability: "developers",
  tables: ["api_keys"],
  exportSections: async (db, userId) => ({ apiKeys: await apiKeysOf(db, userId) }),
  purge: (ctx) => deleteInChunks(ctx, apiKeys, eq(apiKeys.userId, ctx.userId)),
};
