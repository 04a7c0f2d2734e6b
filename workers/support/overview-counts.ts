import { and, count, eq, gte, lt, min } from "drizzle-orm";
import type { Database } from "../db/client";
import { supportThreads } from "../db/schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Threads waiting for staff, by how long since their last message; and threads waiting for the person. */
export interface SupportQueueCounts {
  open: { underDay: number; oneToThreeDays: number; overThreeDays: number; oldestActivityAt: number | null };
  waitingForPerson: number;
}

/** The console overview's support figures: ranges on `support_threads_status_activity_idx`. */
export async function supportQueueCounts(db: Database, now: number): Promise<SupportQueueCounts> {
  const open = eq(supportThreads.status, "open");
  const activity = supportThreads.lastActivityAt;
  const [fresh, middle, old, oldest, waiting] = await db.batch([
    db
      .select({ n: count() })
      .from(supportThreads)
      .where(and(open, gte(activity, now - DAY_MS))),
    db
      .select({ n: count() })
      .from(supportThreads)
      .where(and(open, lt(activity, now - DAY_MS), gte(activity, now - 3 * DAY_MS))),
    db
      .select({ n: count() })
      .from(supportThreads)
      .where(and(open, lt(activity, now - 3 * DAY_MS))),
    db
      .select({ at: min(activity) })
      .from(supportThreads)
      .where(open),
    db.select({ n: count() }).from(supportThreads).where(eq(supportThreads.status, "waiting")),
  ]);
  return {
    open: {
      underDay: fresh[0]?.n ?? 0,
      oneToThreeDays: middle[0]?.n ?? 0,
      overThreeDays: old[0]?.n ?? 0,
      oldestActivityAt: oldest[0]?.at ?? null,
    },
    waitingForPerson: waiting[0]?.n ?? 0,
  };
}
