import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { JobParams } from "../../../shared/generation";

/** A generation request and its life: queued → running → succeeded | failed | canceled. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    model: text("model").notNull(),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    prompt: text("prompt").notNull(),
    /**
     * The validated options as JSON (aspect ratio, seed, count, duration, input media ids…): drizzle
     * parses it on read; submit validates it before the one write (workers/generation/job-params.ts).
     */
    params: text("params", { mode: "json" }).$type<JobParams>().notNull(),
    cost: integer("cost").notNull(),
    status: text("status", {
      enum: ["queued", "running", "succeeded", "failed", "canceled"],
    }).notNull(),
    provider: text("provider").notNull(),
    /** The provider's own model name or version that processed the job, shown on the job card. */
    providerModel: text("provider_model").notNull(),
    providerJobId: text("provider_job_id"),
    /** Hash of the per-job secret carried in the provider's callback URL. */
    callbackTokenHash: text("callback_token_hash"),
    attempts: integer("attempts").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    idempotencyKey: text("idempotency_key"),
    /** Hash of the request body, so a reused Idempotency-Key with another body is refused. */
    requestHash: text("request_hash"),
    queuePosition: integer("queue_position"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    /** When the current attempt started: an asynchronous provider's time is counted from here. */
    attemptStartedAt: integer("attempt_started_at"),
    /** Polls made in the current attempt: each poll message claims the next number, so a duplicate stops. */
    polls: integer("polls").notNull().default(0),
    /** Time spent waiting on the provider, summed over attempts (the rest is the platform's own). */
    providerMs: integer("provider_ms"),
    finishedAt: integer("finished_at"),
    deadlineAt: integer("deadline_at").notNull(),
    /** When a message about this job reached the dead-letter queue; cleared when staff requeue it (docs/operations.md). */
    deadLetteredAt: integer("dead_lettered_at"),
  },
  (t) => [
    index("jobs_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("jobs_status_deadline_idx").on(t.status, t.deadlineAt),
    // The in-flight cap counts a user's queued and running jobs; History filters by status.
    index("jobs_user_status_created_idx").on(t.userId, t.status, t.createdAt, t.id),
    uniqueIndex("jobs_user_idempotency_unique").on(t.userId, t.idempotencyKey),
    // The console lists every user's jobs by status, newest first, and the dead letters.
    index("jobs_status_created_idx").on(t.status, t.createdAt, t.id),
    index("jobs_dead_lettered_idx").on(t.deadLetteredAt, t.id).where(sql`${t.deadLetteredAt} IS NOT NULL`),
  ],
);
