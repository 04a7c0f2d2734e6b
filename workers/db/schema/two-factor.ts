import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A person's TOTP authenticator (RFC 6238). `enabled_at` is null while enrolment waits for the
 * first code. `last_step` is the time step of the last code accepted: a code of that step or an
 * earlier one is refused, so a code seen over someone's shoulder cannot be used again.
 */
export const totpCredentials = sqliteTable("totp_credentials", {
  userId: text("user_id").primaryKey(),
  /** Base32, as authenticator apps take it. D1 encrypts it at rest; no API or console ever shows it again. */
  secret: text("secret").notNull(),
  enabledAt: integer("enabled_at"),
  lastStep: integer("last_step").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});

/** Ten single-use recovery codes per enrolment, stored as SHA-256 hashes. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    userId: text("user_id").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);
