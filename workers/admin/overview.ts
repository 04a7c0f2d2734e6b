import { and, count, eq, gte, isNotNull, lt, min } from "drizzle-orm";
import type { AdminOverview } from "../../shared/admin-overview";
import { signupCounts } from "../auth/staff-view";
import { revenueByCurrency } from "../billing/staff-view";
import { creditFlows } from "../credits/standing";
import type { Database } from "../db/client";
import { dataRequests, jobs } from "../db/schema";
import { jobCounts } from "../generation/staff-view";
import { supportQueueCounts } from "../support/overview-counts";
import { usageFigures } from "../usage/staff-view";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** "Due soon": within this many days. */
const DUE_SOON_DAYS = 7;

/** Open data requests: overdue, due within a week, and the oldest due date (on `data_requests_status_due_idx`). */
async function dataRequestCounts(db: Database, now: number): Promise<AdminOverview["dataRequests"]> {
  const open = eq(dataRequests.status, "open");
  const [all, overdue, soon] = await db.batch([
    db
      .select({ n: count(), oldest: min(dataRequests.dueAt) })
      .from(dataRequests)
      .where(open),
    db
      .select({ n: count() })
      .from(dataRequests)
      .where(and(open, lt(dataRequests.dueAt, now))),
    db
      .select({ n: count() })
      .from(dataRequests)
      .where(and(open, gte(dataRequests.dueAt, now), lt(dataRequests.dueAt, now + DUE_SOON_DAYS * DAY_MS))),
  ]);
  return { open: all[0]?.n ?? 0, overdue: overdue[0]?.n ?? 0, dueSoon: soon[0]?.n ?? 0, oldestDueAt: all[0]?.oldest ?? null };
}

/** Jobs waiting in the dead letters (on the partial index `jobs_dead_lettered_idx`). */
async function deadLettered(db: Database): Promise<number> {
  const row = await db.select({ n: count() }).from(jobs).where(isNotNull(jobs.deadLetteredAt)).get();
  return row?.n ?? 0;
}

/** The console's overview: every figure from D1, each query on an index (see each reader). */
export async function adminOverview(db: Database, now: number): Promise<AdminOverview> {
  const since = { day: now - DAY_MS, week: now - 7 * DAY_MS };
  const [signups, jobFigures, credits, revenue, dead, requests, support, usage] = await Promise.all([
    signupCounts(db, since),
    jobCounts(db, since, now),
    creditFlows(db, since),
    revenueByCurrency(db, since),
    deadLettered(db),
    dataRequestCounts(db, now),
    supportQueueCounts(db, now),
    usageFigures(db, now),
  ]);
  return {
    at: now,
    signups,
    generations: jobFigures.byStatus,
    credits,
    revenue,
    jobs: { inFlight: jobFigures.inFlight, stuck: jobFigures.stuck, deadLettered: dead },
    support,
    usage,
    dataRequests: requests,
  };
}
