import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Development outbox: emails "sent" while EMAIL_PROVIDER=outbox, readable at /api/dev/emails. */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("email_outbox_created_idx").on(t.createdAt)],
);
