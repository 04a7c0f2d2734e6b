import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Whop memberships of erased accounts (`mem_…`), with no link to any person: the purge cancels
 * each one at Whop (retrying until Whop confirms), and a renewal payment that still arrives for
 * one is recorded as `refund_due` instead of granting credits (docs/billing.md).
 */
export const erasedMemberships = sqliteTable("erased_memberships", {
  membershipId: text("membership_id").primaryKey(),
  /** `pending` (cancel not yet confirmed), `canceled` (Whop confirmed), or `offline` (no Whop API configured: nothing to cancel). */
  status: text("status", { enum: ["pending", "canceled", "offline"] }).notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  createdAt: integer("created_at").notNull(),
  canceledAt: integer("canceled_at"),
});
