import { inArray, lt, sql } from "drizzle-orm";
import { USAGE_RETENTION_MONTHS } from "../../shared/usage";
import type { Database } from "../db/client";
import { usageEvents } from "../db/schema";
import { monthsBefore } from "../lib/months-before";

const CHUNK = 500;
/** At most this many chunks per run (a day's cron): the rest go on the next run. */
const MAX_CHUNKS = 40;

/** The time before which a usage event is past retention at `now` (13 calendar months). */
export function usageCutoff(now: number): number {
  return monthsBefore(now, USAGE_RETENTION_MONTHS);
}

/** Cron task: deletes usage events older than 13 months, oldest first, through the time index. */
export async function sweepUsageEvents(db: Database, now: number): Promise<number> {
  const cutoff = usageCutoff(now);
  const rowid = sql<number>`rowid`;
  let deleted = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const chunk = db.select({ rowid }).from(usageEvents).where(lt(usageEvents.createdAt, cutoff)).limit(CHUNK);
    const result = await db.delete(usageEvents).where(inArray(rowid, chunk)).run();
    deleted += result.meta.changes;
    if (result.meta.changes < CHUNK) break;
  }
  return deleted;
}
