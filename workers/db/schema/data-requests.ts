import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DATA_REQUEST_KINDS } from "../../../shared/data-request-kinds";

/**
 * Data-subject requests and how each was answered (P31: within 30 days). Staff record the ones that
 * arrive by email; self-serve exports and deletions record themselves, already fulfilled. Rows are
 * the proof of compliance, so they outlive the account: at erasure the linked user id becomes a
 * pseudonym and the requester's address is dropped (workers/admin/account-data.ts).
 */
export const dataRequests = sqliteTable(
  "data_requests",
  {
    /** UUIDv7. */
    id: text("id").primaryKey(),
    kind: text("kind", { enum: DATA_REQUEST_KINDS }).notNull(),
    source: text("source", { enum: ["email", "self_serve"] }).notNull(),
    /** Who wrote in (lower-cased); null for self-serve requests, and after erasure. */
    requesterEmail: text("requester_email"),
    /** The account the request is about, when found; `erased:…` after that account is erased. */
    userId: text("user_id"),
    receivedAt: integer("received_at").notNull(),
    /** `received_at` + 30 days: the answer is due by then (policy §7.2). */
    dueAt: integer("due_at").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    notes: text("notes").notNull().default(""),
    /** What was done, recorded on closing (required to close). */
    outcome: text("outcome"),
    closedAt: integer("closed_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("data_requests_status_due_idx").on(t.status, t.dueAt, t.id),
    index("data_requests_due_idx").on(t.dueAt, t.id),
    index("data_requests_user_idx").on(t.userId),
    index("data_requests_email_idx").on(t.requesterEmail),
  ],
);
