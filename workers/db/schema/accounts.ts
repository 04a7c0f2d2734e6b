import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** People with an account. `email` is stored normalised (trimmed, lower-case). */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    emailVerifiedAt: integer("email_verified_at"),
    role: text("role", { enum: ["user", "support", "admin"] })
      .notNull()
      .default("user"),
    ageConfirmedAt: integer("age_confirmed_at").notNull(),
    referralCode: text("referral_code").notNull(),
    referredBy: text("referred_by"),
    flaggedAt: integer("flagged_at"),
    flagReason: text("flag_reason"),
    processingRestrictedAt: integer("processing_restricted_at"),
    /** Set by staff (the console): a suspended person cannot sign in or spend; their data is kept. */
    suspendedAt: integer("suspended_at"),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_referral_code_unique").on(t.referralCode),
    // Only deleted accounts are indexed: the purge backstop finds them without scanning everyone.
    index("users_deleted_idx").on(t.deletedAt).where(sql`${t.deletedAt} IS NOT NULL`),
    // The console's overview counts sign-ups by day and week.
    index("users_created_idx").on(t.createdAt),
  ],
);

/**
 * One row per sign-in (a refresh-token family). Access tokens name their session,
 * so revoking the row ends every token of the family at once.
 * Device data is what the privacy policy names and nothing more: the parsed browser and OS, and the
 * screen resolution to the nearest 100 px (`shared/device.ts`).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    browser: text("browser"),
    os: text("os"),
    /** `"1900x1100"`: the screen to the nearest 100 px, as the web app last reported it (sign-in or refresh). */
    screen: text("screen"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokeReason: text("revoke_reason"),
    /** When this session proved a second factor (a TOTP or recovery code at sign-in or enrolment); staff routes need it. */
    secondFactorAt: integer("second_factor_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Every refresh token ever issued for a session, by hash; a rotated one presented again is reuse. */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: text("session_id").notNull(),
    createdAt: integer("created_at").notNull(),
    rotatedAt: integer("rotated_at"),
  },
  (t) => [index("refresh_tokens_session_idx").on(t.sessionId)],
);

/** Single-use, expiring tokens sent by email, stored hashed. */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    /** `cancel_email_change` is the "this wasn't me" link sent to the old address; its `email` is that old address. */
    purpose: text("purpose", { enum: ["verify_email", "reset_password", "cancel_email_change"] }).notNull(),
    email: text("email").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId, t.purpose)],
);

/**
 * Sign-in throttles: one row per (account, address bucket) pair and one per account. `key` is an
 * HMAC of the account's email and the bucket, so no address is stored beside personal data.
 * `next_at` is the earliest time the next attempt is allowed (growing after each failure);
 * `trusted_until` marks a pair that signed in successfully, which the per-account ceiling skips.
 */
export const loginThrottles = sqliteTable(
  "login_throttles",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull(),
    nextAt: integer("next_at").notNull(),
    trustedUntil: integer("trusted_until"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("login_throttles_updated_idx").on(t.updatedAt)],
);

/** Append-only record of every consent given or withdrawn, with the policy version it was given to. */
export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    purpose: text("purpose", {
      enum: ["terms", "privacy_policy", "product_emails", "usage_analysis"],
    }).notNull(),
    policyVersion: text("policy_version").notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("consents_user_idx").on(t.userId, t.purpose, t.createdAt)],
);
