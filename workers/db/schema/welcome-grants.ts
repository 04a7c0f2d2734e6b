import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per email address that has received the welcome credits, so an address earns them
 * once however often its account is deleted and made again. `email_hash` is an HMAC (server
 * secret `EMAIL_HASH_SECRET`) of the address normalised for this purpose (welcome-address.ts):
 * no plaintext address is stored. A fraud-prevention record that survives account erasure
 * (docs/privacy.md); the purge clears `user_id`, so what stays is tied to no account.
 */
export const welcomeGrants = sqliteTable(
  "welcome_grants",
  {
    emailHash: text("email_hash").primaryKey(),
    /** The account that claimed the address's grant; null once that account is erased. */
    userId: text("user_id"),
    createdAt: integer("created_at").notNull(),
    /** When the credits reached the ledger; null while a failed grant waits for the backstop. */
    grantedAt: integer("granted_at"),
  },
  (t) => [index("welcome_grants_user_idx").on(t.userId)],
);
