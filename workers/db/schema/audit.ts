import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Append-only record of what staff did and read (one row per staff API call). Rows are never
 * updated or deleted by the application; when a person is erased, their ids in these rows are
 * replaced by a pseudonym, as payments keep theirs.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    /** Time-ordered (UUIDv7), so the id is also the list's cursor. */
    id: text("id").primaryKey(),
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role", { enum: ["support", "admin"] }).notNull(),
    /** What the route does, e.g. `user.read`, `user.credits.adjust` (declared by the route). */
    action: text("action").notNull(),
    /** `ok` when the call answered 2xx/3xx, `refused` when it was turned down (bad input, wrong code, …). */
    outcome: text("outcome", { enum: ["ok", "refused"] }).notNull(),
    status: integer("status").notNull(),
    targetUserId: text("target_user_id"),
    /** The object acted on besides the user, as `kind:id` (e.g. `job:…`, `payment:…`). */
    targetObject: text("target_object"),
    reason: text("reason"),
    requestId: text("request_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("audit_log_actor_idx").on(t.actorId, t.id),
    index("audit_log_target_idx").on(t.targetUserId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
  ],
);
