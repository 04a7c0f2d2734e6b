import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A person's passkey (a discoverable WebAuthn credential, docs/auth.md "Passkeys"). The public key
 * is all the server holds of it; `counter` is the authenticator's signature count (0 for most
 * synced passkeys, which do not count), refused when it goes backwards.
 */
export const passkeyCredentials = sqliteTable(
  "passkey_credentials",
  {
    /** Ausar's own id (a UUIDv7), what the routes name; the credential id can be up to 1023 bytes. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    /** The credential id as the authenticator made it, base64url. */
    credentialId: text("credential_id").notNull(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    /** JSON array of the transports the browser reported (`internal`, `hybrid`, `usb`…), as hints for the next sign-in. */
    transports: text("transports", { mode: "json" }).$type<string[]>().notNull(),
    /** Whether the authenticator says the key is backed up (synced to a password manager). */
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    uniqueIndex("passkey_credentials_credential_idx").on(t.credentialId),
    index("passkey_credentials_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * A WebAuthn challenge the server handed out: single use (deleted as it is checked) and valid five
 * minutes. Registration challenges name the person adding a passkey; sign-in challenges name nobody
 * (the passkey says who it is); a staff step-up challenge (`step_up`, before a destructive action)
 * names the staff member whose own passkey must answer it.
 */
export const passkeyChallenges = sqliteTable(
  "passkey_challenges",
  {
    /** The challenge itself, base64url (32 random bytes): the response carries it back in its client data. */
    challenge: text("challenge").primaryKey(),
    purpose: text("purpose", { enum: ["registration", "authentication", "step_up"] }).notNull(),
    userId: text("user_id"),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("passkey_challenges_expires_idx").on(t.expiresAt), index("passkey_challenges_user_idx").on(t.userId)],
);
