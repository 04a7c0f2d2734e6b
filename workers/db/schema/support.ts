import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A conversation between one person and the support team (docs/support.md). */
export const supportThreads = sqliteTable(
  "support_threads",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    subject: text("subject").notNull(),
    /** open: waiting for staff; waiting: staff answered, waiting for the person; closed. */
    status: text("status", { enum: ["open", "waiting", "closed"] }).notNull(),
    /** One of the person's own jobs or gallery items, checked as theirs when attached. */
    attachmentKind: text("attachment_kind", { enum: ["job", "media"] }),
    attachmentId: text("attachment_id"),
    /** Time of the newest message. */
    lastActivityAt: integer("last_activity_at").notNull(),
    /** When the person last opened the thread (unread = a staff message after this). */
    userReadAt: integer("user_read_at").notNull(),
    /** Time of the newest staff message (for the unread mark without reading messages). */
    lastStaffAt: integer("last_staff_at"),
    closedAt: integer("closed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // The person's list, newest activity first.
    index("support_threads_user_activity_idx").on(t.userId, t.lastActivityAt, t.id),
    // The staff queue by status, oldest activity first.
    index("support_threads_status_activity_idx").on(t.status, t.lastActivityAt, t.id),
    // The retention sweep: closed threads by closing time.
    index("support_threads_closed_idx").on(t.closedAt),
  ],
);

/** One message of a thread, from the person or from a staff member. */
export const supportMessages = sqliteTable(
  "support_messages",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id").notNull(),
    from: text("from", { enum: ["user", "staff"] }).notNull(),
    /** The staff member who wrote a staff message (null for the person's own). */
    staffId: text("staff_id"),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("support_messages_thread_created_idx").on(t.threadId, t.createdAt, t.id)],
);
