import { inArray } from "drizzle-orm";
import { SUPPORT_RETENTION_MONTHS } from "../../shared/support";
import type { Database } from "../db/client";
import { supportMessages, supportThreads } from "../db/schema";
import { monthsBefore } from "../lib/months-before";
import { expiredThreadIds } from "./threads";

const CHUNK = 100;
/** At most this many chunks per run: the rest go on the next run. */
const MAX_CHUNKS = 20;

/** The closing time before which a closed thread is past retention at `now` (24 calendar months). */
export function retentionCutoff(now: number): number {
  return monthsBefore(now, SUPPORT_RETENTION_MONTHS);
}

/** Cron task: deletes closed threads (and their messages) closed more than 24 months ago. */
export async function sweepSupportThreads(db: Database, now: number): Promise<number> {
  const cutoff = retentionCutoff(now);
  let deleted = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const ids = (await expiredThreadIds(db, cutoff, CHUNK)).map((row) => row.id);
    if (ids.length === 0) break;
    await db.batch([
      db.delete(supportMessages).where(inArray(supportMessages.threadId, ids)),
      db.delete(supportThreads).where(inArray(supportThreads.id, ids)),
    ]);
    deleted += ids.length;
    if (ids.length < CHUNK) break;
  }
  return deleted;
}
