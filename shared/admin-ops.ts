import { z } from "zod";
import { JOB_STATUSES, type JobStatus } from "./generation";
import { ID_PATTERN } from "./ids";
import { oneStepUp, stepUpFields } from "./step-up";

// The console's jobs and money actions (issue 9): jobs by status, stuck jobs, dead letters,
// retry and requeue, flagged accounts, refunds through Whop, delete as minor.

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

/** Every staff write says why (kept in the audit log). */
const reason = z.string("Say why.").trim().min(1, "Say why.").max(500, "Keep the reason under 500 characters.");

/** What the jobs list filters on: a job status, or `stuck` (in flight past its deadline), or `dead_letter`. */
const ADMIN_JOB_FILTERS = [...JOB_STATUSES, "stuck", "dead_letter"] as const;
export type AdminJobFilter = (typeof ADMIN_JOB_FILTERS)[number];

const ADMIN_JOBS_PAGE_MAX = 100;

/** `GET /api/admin/jobs?status=&cursor=&limit=`: newest first (dead letters: newest dead-lettered first). */
export const adminJobsQuerySchema = z.object({
  status: z.preprocess(omitEmpty, z.enum(ADMIN_JOB_FILTERS, `Status is one of ${ADMIN_JOB_FILTERS.join(", ")}.`).default("failed")),
  cursor: z.preprocess(omitEmpty, z.string().regex(ID_PATTERN, "That page cursor is not valid.").optional()),
  limit: z.preprocess(omitEmpty, z.coerce.number("Give the page size as a number.").int().min(1).max(ADMIN_JOBS_PAGE_MAX).default(50)),
});
export type AdminJobsQuery = z.output<typeof adminJobsQuerySchema>;

/** One job as staff list it: no prompt, no media (those are the user's; the user page shows them). */
export interface AdminJobItem {
  id: string;
  userId: string;
  model: string;
  kind: "image" | "video";
  status: JobStatus;
  /** In flight past its deadline: the sweeper should have failed it (it runs every 5 minutes). */
  stuck: boolean;
  cost: number;
  attempts: number;
  errorCode: string | null;
  createdAt: number;
  deadlineAt: number;
  finishedAt: number | null;
  deadLetteredAt: number | null;
}

export interface AdminJobsPage {
  items: AdminJobItem[];
  nextCursor: string | null;
}

/** `POST /api/admin/jobs/:id/retry` and `/requeue`: `{ reason }`. */
export const jobActionSchema = z.strictObject({ reason });

/** What a retry or requeue did: a new job for a failed one, the thumbnails message again for a finished one. */
export interface JobActionResult {
  jobId: string;
  /** The new job that retries it (charged as a new generation; the failed one was refunded in full). */
  retryJobId: string | null;
  /** True when only the thumbnails were queued again (the job itself had succeeded). */
  thumbnailsRequeued: boolean;
}

/** One flagged account or one with an open credit debt. */
export interface FlaggedAccount {
  userId: string;
  email: string;
  name: string;
  flaggedAt: number | null;
  flagReason: string | null;
  debt: number;
  available: number;
}

export interface FlaggedPage {
  items: FlaggedAccount[];
}

/** `POST /api/admin/users/:id/clear-flag`: `{ reason }`. */
export const clearFlagSchema = z.strictObject({ reason });

/**
 * `POST /api/admin/payments/:id/refund`: `{ reason, code | passkey, amount? }`, `amount` in major units (10.43), as Whop
 * takes it. Destructive: a fresh code or passkey assertion (shared/step-up.ts).
 */
export const refundSchema = oneStepUp(
  z.strictObject({
    reason,
    ...stepUpFields,
    amount: z.number("Give the amount as a number, e.g. 4.99.").positive("Refund more than nothing.").max(1_000_000).optional(),
  }),
);

/** What a refund request left: Whop was asked; the clawback follows Whop's refund webhook. */
export interface RefundRequested {
  paymentId: string;
  /** Minor units asked for. */
  requestedMinor: number;
  refundRequestedAt: number;
  /** Whop's payment status after the call (`refunded`, `partially_refunded`, …) when it said one. */
  whopStatus: string | null;
}

/** `POST /api/admin/payments/:id/refund` path: a Whop payment id. */
export const paymentIdParam = z.object({ id: z.string().regex(/^pay_[A-Za-z0-9]{1,64}$/, "That is not a Whop payment id.") });

/** `POST /api/admin/users/:id/delete-as-minor`: `{ reason, code | passkey }`. */
export const deleteAsMinorSchema = oneStepUp(z.strictObject({ reason, ...stepUpFields }));
