import { and, count, desc, eq, gte, inArray, lt, min, sql } from "drizzle-orm";
import type { StaffJobSummary } from "../../shared/admin-users";
import { JOB_STATUSES, type JobStatus } from "../../shared/generation";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { IN_FLIGHT } from "./jobs-store";

/** The person's newest jobs as staff see them: state, cost and error, never the prompt or the media. */
export async function jobSummariesOf(db: Database, userId: string, limit: number): Promise<StaffJobSummary[]> {
  return db
    .select({
      id: jobs.id,
      model: jobs.model,
      kind: jobs.kind,
      status: jobs.status,
      cost: jobs.cost,
      attempts: jobs.attempts,
      errorCode: jobs.errorCode,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(eq(jobs.userId, userId))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit);
}

export interface JobCounts {
  /** Jobs created in the window, by their status now. */
  byStatus: Record<JobStatus, { day: number; week: number }>;
  inFlight: { queued: number; running: number };
  /**
   * Queued or running past their deadline. The sweeper (sweeper.ts, every 5 minutes) fails and refunds
   * these at its next run, so a count that stays above 0 means the sweep is not running or failing.
   */
  stuck: { count: number; oldestDeadlineAt: number | null };
}

/** The overview's job figures: per-status ranges on `jobs_status_created_idx`, in-flight and stuck on `jobs_status_deadline_idx`. */
export async function jobCounts(db: Database, since: { day: number; week: number }, now: number): Promise<JobCounts> {
  const [created, inFlight, stuck] = await db.batch([
    db
      .select({
        status: jobs.status,
        day: sql<number>`COALESCE(SUM(${jobs.createdAt} >= ${since.day}), 0)`,
        week: count(),
      })
      .from(jobs)
      .where(and(inArray(jobs.status, [...JOB_STATUSES]), gte(jobs.createdAt, since.week)))
      .groupBy(jobs.status),
    db.select({ status: jobs.status, n: count() }).from(jobs).where(inArray(jobs.status, IN_FLIGHT)).groupBy(jobs.status),
    db
      .select({ n: count(), oldest: min(jobs.deadlineAt) })
      .from(jobs)
      .where(and(inArray(jobs.status, IN_FLIGHT), lt(jobs.deadlineAt, now))),
  ]);
  const byStatus = Object.fromEntries(
    JOB_STATUSES.map((status) => {
      const row = created.find((r) => r.status === status);
      return [status, { day: row?.day ?? 0, week: row?.week ?? 0 }];
    }),
  ) as JobCounts["byStatus"];
  const flying = (status: JobStatus) => inFlight.find((r) => r.status === status)?.n ?? 0;
  return {
    byStatus,
    inFlight: { queued: flying("queued"), running: flying("running") },
    stuck: { count: stuck[0]?.n ?? 0, oldestDeadlineAt: stuck[0]?.oldest ?? null },
  };
}
