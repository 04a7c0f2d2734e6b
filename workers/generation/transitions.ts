import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { JobStatus } from "../../shared/generation";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { IN_FLIGHT, type JobRow } from "./jobs-store";

/**
 * Every change of a job's state is a compare-and-set on (status, attempts): a duplicate queue
 * delivery, a late webhook or a racing sweeper finds the row no longer as it expects and
 * changes nothing. Each returns the updated row, or null when the guard did not match.
 */

const addProviderMs = (ms: number) => sql`coalesce(${jobs.providerMs}, 0) + ${Math.max(0, Math.round(ms))}`;

/**
 * Claims attempt `attempt` (1-based): only when the job is still in flight and its previous
 * attempt is the last one counted. Whoever wins this calls the provider; everyone else stops.
 * A job waiting for a retry may still read `running` if that write was lost, hence both states.
 */
export async function startAttempt(
  db: Database,
  jobId: string,
  attempt: number,
  now: number,
  callbackTokenHash: string,
): Promise<JobRow | null> {
  const rows = await db
    .update(jobs)
    .set({
      status: "running",
      attempts: attempt,
      startedAt: sql`coalesce(${jobs.startedAt}, ${now})`,
      attemptStartedAt: now,
      polls: 0,
      providerJobId: null,
      queuePosition: null,
      callbackTokenHash,
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, IN_FLIGHT), eq(jobs.attempts, attempt - 1)))
    .returning();
  return rows[0] ?? null;
}

/** Records the provider's job id (once per attempt) and its queue position while the attempt waits. */
export async function markPending(
  db: Database,
  job: Pick<JobRow, "id" | "attempts">,
  update: { providerJobId: string; queuePosition?: number; providerModel?: string },
): Promise<JobRow | null> {
  const rows = await db
    .update(jobs)
    .set({
      providerJobId: update.providerJobId,
      queuePosition: update.queuePosition ?? null,
      ...(update.providerModel ? { providerModel: update.providerModel } : {}),
    })
    .where(
      and(
        eq(jobs.id, job.id),
        eq(jobs.status, "running"),
        eq(jobs.attempts, job.attempts),
        or(isNull(jobs.providerJobId), eq(jobs.providerJobId, update.providerJobId)),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

/**
 * Claims poll number `poll` of the job's current attempt. Each poll message carries the next
 * number, so a duplicated message loses here and its copy of the polling chain ends.
 */
export async function claimPoll(db: Database, job: Pick<JobRow, "id" | "attempts">, poll: number): Promise<JobRow | null> {
  const rows = await db
    .update(jobs)
    .set({ polls: poll })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts), eq(jobs.polls, poll - 1)))
    .returning();
  return rows[0] ?? null;
}

/** Puts a failed attempt back in line for the next one (so it shows as queued and can be canceled). */
export async function requeue(db: Database, job: Pick<JobRow, "id" | "attempts">, providerMs: number): Promise<JobRow | null> {
  const rows = await db
    .update(jobs)
    .set({ status: "queued", providerJobId: null, queuePosition: null, providerMs: addProviderMs(providerMs) })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)))
    .returning();
  return rows[0] ?? null;
}

/**
 * The `succeeded` transition, unawaited, for the batch that also inserts the media rows. Its
 * `RETURNING id` says whether it applied.
 */
export function succeedJob(
  db: Database,
  job: Pick<JobRow, "id" | "attempts">,
  update: { now: number; providerMs: number; providerModel?: string },
) {
  return db
    .update(jobs)
    .set({
      status: "succeeded",
      finishedAt: update.now,
      queuePosition: null,
      providerMs: addProviderMs(update.providerMs),
      ...(update.providerModel !== undefined ? { providerModel: update.providerModel } : {}),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)))
    .returning({ id: jobs.id });
}

/** Where a failure or cancel may come from: a given attempt, or any in-flight state. */
export type Expect = { attempt: number; statuses: JobStatus[] } | { statuses: JobStatus[] };

/** Ends a job as failed or canceled with a user-readable reason, if it is still as expected. */
export async function endJob(
  db: Database,
  jobId: string,
  expect: Expect,
  update: { status: "failed" | "canceled"; code: string; message: string; now: number; providerMs?: number },
): Promise<JobRow | null> {
  const guard = [eq(jobs.id, jobId), inArray(jobs.status, expect.statuses)];
  if ("attempt" in expect) guard.push(eq(jobs.attempts, expect.attempt));
  const rows = await db
    .update(jobs)
    .set({
      status: update.status,
      errorCode: update.code,
      errorMessage: update.message,
      finishedAt: update.now,
      queuePosition: null,
      ...(update.providerMs ? { providerMs: addProviderMs(update.providerMs) } : {}),
    })
    .where(and(...guard))
    .returning();
  return rows[0] ?? null;
}

/** In-flight jobs past their deadline, oldest first. */
export async function overdueJobs(db: Database, now: number, limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.status, IN_FLIGHT), lt(jobs.deadlineAt, now)))
    .orderBy(jobs.deadlineAt)
    .limit(limit);
}
