import { sql } from "drizzle-orm";
import { holdIsOpen } from "../credits/holds";
import { jobs } from "../db/schema";
import { TIMED_OUT } from "./attempt";
import { cancelAtProvider } from "./cancel";
import type { GenerationDeps } from "./deps";
import { IN_FLIGHT, type JobRow } from "./jobs-store";
import { failJob, settle } from "./settlement";
import { overdueJobs } from "./transitions";

/** Jobs handled per run; the cron runs every 5 minutes, so a backlog drains over a few runs. */
const SWEEP_LIMIT = 100;

/**
 * How far back to look for unsettled jobs, by deadline. A job ends before its deadline and the
 * sweep runs every 5 minutes, so a day is a wide margin that keeps the scan to recent jobs.
 */
const RECONCILE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Ended jobs whose hold is still open: a settlement cut short by a crash between D1 and the Account object. */
async function unsettledJobs(deps: GenerationDeps, now: number, limit: number): Promise<JobRow[]> {
  return deps.db
    .select()
    .from(jobs)
    .where(
      sql`${jobs.status} IN ('succeeded', 'failed', 'canceled') AND ${jobs.deadlineAt} > ${now - RECONCILE_WINDOW_MS}
        AND ${holdIsOpen(deps.db, jobs.id)}`,
    )
    .limit(limit);
}

/**
 * One job's step, logged and skipped when it throws: one user's failing Account object must not
 * stop every other user's jobs from ending and settling (the job is retried at the next sweep).
 */
async function eachJob(job: JobRow, event: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    console.error(JSON.stringify({ level: "warn", event, jobId: job.id, error: String(error) }));
  }
}

/**
 * Cron task: fails and refunds every job past its model's deadline (asking an asynchronous
 * provider to stop it too), then settles any ended job whose hold was left open.
 */
export async function sweepGenerations(deps: GenerationDeps, now: number): Promise<{ timedOut: number; settled: number }> {
  let timedOut = 0;
  for (const job of await overdueJobs(deps.db, now, SWEEP_LIMIT)) {
    await eachJob(job, "sweep_timeout_failed", async () => {
      if (job.status === "running") await cancelAtProvider(deps, job);
      const failed = await failJob(deps, job.id, { attempt: job.attempts, statuses: IN_FLIGHT }, TIMED_OUT);
      if (failed) timedOut++;
    });
  }
  const unsettled = await unsettledJobs(deps, now, SWEEP_LIMIT);
  for (const job of unsettled) await eachJob(job, "sweep_settle_failed", () => settle(deps, job));
  return { timedOut, settled: unsettled.length };
}
