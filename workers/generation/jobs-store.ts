import { and, count, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { JobStatus } from "../../shared/generation";
import type { Database } from "../db/client";
import { insertRowIf } from "../db/insert-select";
import { jobs } from "../db/schema";

/** A `jobs` row as drizzle reads it. */
export type JobRow = typeof jobs.$inferSelect;

/** The states of a job that is not over yet (what the in-flight cap counts). */
export const IN_FLIGHT: JobStatus[] = ["queued", "running"];

/** The user's job with this id, or null (someone else's job is answered as absent). */
export async function findJob(db: Database, userId: string, id: string): Promise<JobRow | null> {
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Any job by id, for the consumer and the sweeper (which act for the system, not a user). */
export async function jobById(db: Database, id: string): Promise<JobRow | null> {
  const rows = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The job an earlier request made with this Idempotency-Key, or null. */
export async function findByIdempotencyKey(db: Database, userId: string, key: string): Promise<JobRow | null> {
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.userId, userId), eq(jobs.idempotencyKey, key)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Inserts a queued job unless the user already has `cap` jobs in flight. One statement, so two
 * concurrent submissions cannot both slip under the cap (D1 runs writes one at a time).
 * Returns false when the cap refused it; a reused Idempotency-Key throws the unique-index error.
 */
export async function insertJobUnderCap(db: Database, row: JobRow, cap: number): Promise<boolean> {
  const inFlight = db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.userId, row.userId), inArray(jobs.status, IN_FLIGHT)));
  const result = await insertRowIf(db, jobs, row, sql`(${inFlight}) < ${cap}`).run();
  return result.meta.changes === 1;
}

/** Removes a job that never got its hold (nothing else refers to it yet). */
export async function deleteUnheldJob(db: Database, userId: string, id: string): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.id, id), eq(jobs.userId, userId), eq(jobs.status, "queued"), eq(jobs.attempts, 0)));
}

/** A page of the user's jobs, newest first, after the `(createdAt, id)` position of the cursor. */
export async function listJobRows(
  db: Database,
  userId: string,
  options: { status?: JobStatus; after?: { createdAt: number; id: string }; limit: number },
): Promise<JobRow[]> {
  const conditions = [eq(jobs.userId, userId)];
  if (options.status) conditions.push(eq(jobs.status, options.status));
  if (options.after) {
    const { createdAt, id } = options.after;
    const older = or(lt(jobs.createdAt, createdAt), and(eq(jobs.createdAt, createdAt), lt(jobs.id, id)));
    if (older) conditions.push(older);
  }
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(options.limit);
}
