import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";
import { IN_FLIGHT } from "./jobs-store";

/**
 * Cancels the person's queued and running jobs, as one statement (it may join a batch). The
 * consumer changes a job only by compare-and-set on its status, so a provider call that is under
 * way finds the job canceled when it returns: it stores no media rows and deletes the objects it
 * wrote. Holds are not released: the purge removes the whole ledger.
 */
export function cancelInFlightJobs(db: Database, userId: string, now: number) {
  return db
    .update(jobs)
    .set({
      status: "canceled",
      errorCode: "account_deleted",
      errorMessage: "The account was deleted.",
      finishedAt: now,
      queuePosition: null,
    })
    .where(and(eq(jobs.userId, userId), inArray(jobs.status, IN_FLIGHT)));
}

async function readJobs(db: Database, userId: string) {
  const rows = await db.select().from(jobs).where(eq(jobs.userId, userId)).orderBy(asc(jobs.createdAt), asc(jobs.id)).all();
  return rows.map((job) => ({
    id: job.id,
    model: job.model,
    kind: job.kind,
    prompt: job.prompt,
    params: job.params,
    cost: job.cost,
    status: job.status,
    provider: job.provider,
    providerModel: job.providerModel,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  }));
}

/**
 * Generation's part of a person's data: their jobs. The purge first cancels what is in flight
 * (so no straggling provider call stores anything), then deletes the rows; the objects the jobs
 * made are gallery items, erased by media's step.
 */
export const generationAccountData: AccountDataContribution = {
  capability: "generation",
  tables: ["jobs"],
  exportSections: async (db, userId) => ({ jobs: await readJobs(db, userId) }),
  purge: async (ctx) => {
    await cancelInFlightJobs(ctx.db, ctx.userId, ctx.now);
    return deleteInChunks(ctx, jobs, eq(jobs.userId, ctx.userId));
  },
};
