import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { IN_FLIGHT } from "../generation/jobs-store";

/**
 * Cancels the person's queued and running jobs, as one statement (it may join a batch). The
 * generation consumer changes a job only by compare-and-set on its status, so a provider call that
 * is under way finds the job canceled when it returns: it stores no media rows and deletes the
 * objects it wrote. Holds are not released: the purge removes the whole ledger.
 */
export function cancelInFlightJobs(db: Database, userId: string, now: number) {
  return db
    .update(jobs)
    .set({ status: "canceled", errorCode: "account_deleted", errorMessage: "The account was deleted.", finishedAt: now, queuePosition: null })
    .where(and(eq(jobs.userId, userId), inArray(jobs.status, IN_FLIGHT)));
}
