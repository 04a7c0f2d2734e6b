import { and, desc, eq, inArray, isNotNull, lt, or, type SQL } from "drizzle-orm";
import type { AdminJobItem, AdminJobsPage, AdminJobsQuery } from "../../shared/admin-ops";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { AppError } from "../lib/errors";

/** The columns staff list: no prompt, parameters or provider secrets. */
const LISTED = {
  id: jobs.id,
  userId: jobs.userId,
  model: jobs.model,
  kind: jobs.kind,
  status: jobs.status,
  cost: jobs.cost,
  attempts: jobs.attempts,
  errorCode: jobs.errorCode,
  createdAt: jobs.createdAt,
  deadlineAt: jobs.deadlineAt,
  finishedAt: jobs.finishedAt,
  deadLetteredAt: jobs.deadLetteredAt,
};
type JobRow = Omit<AdminJobItem, "stuck">;

const IN_FLIGHT = ["queued", "running"] as const;

/** In flight past its deadline: the sweeper (every 5 minutes) fails such a job; one still listed is stuck. */
function isStuck(job: Pick<JobRow, "status" | "deadlineAt">, now: number): boolean {
  return (job.status === "queued" || job.status === "running") && job.deadlineAt < now;
}

function toItem(row: JobRow, now: number): AdminJobItem {
  return { ...row, stuck: isStuck(row, now) };
}

/** Keyset on (`column`, id) descending, after the anchor row. */
function after(column: typeof jobs.createdAt | typeof jobs.deadLetteredAt, value: number, id: string): SQL | undefined {
  return or(lt(column, value), and(eq(column, value), lt(jobs.id, id)));
}

/**
 * Every user's jobs for the console: by status (newest first, on `jobs_status_created_idx`),
 * `stuck` (in flight past the deadline, oldest deadline first would hide new ones, so newest first
 * too) or `dead_letter` (newest dead-lettered first, on `jobs_dead_lettered_idx`). The cursor is the
 * last job's id; an unknown one is refused.
 */
export async function listAdminJobs(db: Database, query: AdminJobsQuery, now: number): Promise<AdminJobsPage> {
  let anchor: JobRow | undefined;
  if (query.cursor) {
    anchor = await db.select(LISTED).from(jobs).where(eq(jobs.id, query.cursor)).get();
    if (!anchor) throw new AppError("invalid_cursor", "That page cursor is not valid. Start again from the first page.");
  }
  const conditions: (SQL | undefined)[] = [];
  let order = [desc(jobs.createdAt), desc(jobs.id)];
  if (query.status === "dead_letter") {
    conditions.push(isNotNull(jobs.deadLetteredAt));
    if (anchor) conditions.push(after(jobs.deadLetteredAt, anchor.deadLetteredAt ?? 0, anchor.id));
    order = [desc(jobs.deadLetteredAt), desc(jobs.id)];
  } else {
    if (query.status === "stuck") conditions.push(inArray(jobs.status, [...IN_FLIGHT]), lt(jobs.deadlineAt, now));
    else conditions.push(eq(jobs.status, query.status));
    if (anchor) conditions.push(after(jobs.createdAt, anchor.createdAt, anchor.id));
  }
  const rows = await db
    .select(LISTED)
    .from(jobs)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page.map((row) => toItem(row, now)), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
