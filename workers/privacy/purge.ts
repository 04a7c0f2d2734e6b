import { eq } from "drizzle-orm";
import { MODEL_CATALOG } from "../../shared/models";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { Budget, PURGE_CALLS_PER_INVOCATION } from "./budget";
import { purgeMedia, purgePrefixes } from "./purge-objects";
import { finalPurgeStatements } from "./purge-links";
import { purgeRows } from "./purge-rows";
import { cancelInFlightJobs } from "./stop-jobs";
import type { EnqueueTask } from "./tasks";

/**
 * The follow-up pass waits until every job the person had in flight is past its deadline (so no
 * provider call of theirs can still be under way) plus a margin, within the queue's 12-hour delay cap.
 */
const FOLLOW_UP_DELAY_SECONDS = Math.min(12 * 3600, Math.max(...MODEL_CATALOG.map((m) => m.deadlineSeconds)) + 300);

export interface PurgeDeps {
  db: Database;
  d1: D1Database;
  bucket: R2Bucket;
  now: () => number;
  enqueue: EnqueueTask;
}

export type PurgeOutcome = "done" | "continued" | "refused";

/**
 * Erases an account whose deletion was requested: every R2 object and personal row, billing
 * pseudonymised, the user row last. Idempotent (every step deletes what is still there), chunked
 * (after PURGE_CALLS_PER_INVOCATION calls it re-enqueues itself and stops), and run twice: once
 * at once, and a `final` pass later that sweeps anything a straggling provider call or credit
 * settlement wrote meanwhile. A live account (no `deleted_at`) is never touched.
 */
export async function purgeAccount(
  deps: PurgeDeps,
  userId: string,
  final: boolean,
  budget = new Budget(PURGE_CALLS_PER_INVOCATION),
): Promise<PurgeOutcome> {
  const user = await deps.db.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
  if (user && user.deletedAt === null) {
    console.error(JSON.stringify({ level: "error", event: "purge_refused_live_account", userId }));
    return "refused";
  }
  await cancelInFlightJobs(deps.db, userId, deps.now());
  const finished =
    (await purgeMedia(deps.db, deps.bucket, userId, budget)) &&
    (await purgePrefixes(deps.bucket, userId, budget)) &&
    (await purgeRows(deps.d1, userId, user?.email ?? null, budget));
  if (!finished) {
    await deps.enqueue({ type: "purge", userId, final });
    return "continued";
  }
  await deps.db.batch(finalPurgeStatements(deps.db, userId));
  if (!final) await deps.enqueue({ type: "purge", userId, final: true }, FOLLOW_UP_DELAY_SECONDS);
  return "done";
}
