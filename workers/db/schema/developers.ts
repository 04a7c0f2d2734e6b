import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ApiKeyScope } from "../../../shared/developer-limits";

/** A person's API key (docs/api.md). Only the secret's SHA-256 is kept; its first characters are shown to tell keys apart. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    /** JSON array of scopes, as chosen at creation (never widened afterwards). */
    scopes: text("scopes", { mode: "json" }).$type<ApiKeyScope[]>().notNull(),
    /** Credits the key may spend per calendar month (UTC), or null. */
    monthlyCreditCap: integer("monthly_credit_cap"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_idx").on(t.secretHash),
    // The owner's list, and the count of live keys under the limit.
    index("api_keys_user_created_idx").on(t.userId, t.createdAt),
  ],
);
