import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Product emails sent (docs/privacy.md), one row per email: its key makes each one go at most once
 * however often the event behind it is announced (a job ending is announced more than once).
 */
export const productEmails = sqliteTable(
  "product_emails",
  {
    /** What kind of email: `job_ready` (a long job finished while no tab was open). */
    kind: text("kind", { enum: ["job_ready"] }).notNull(),
    /** What it was about: the job id for `job_ready`. */
    reference: text("reference").notNull(),
    userId: text("user_id").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.reference] }), index("product_emails_user_idx").on(t.userId, t.sentAt)],
);
