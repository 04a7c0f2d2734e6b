import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { dataExports, users } from "../db/schema";
import { privacyDeps } from "./deps";

/** An export not finished after this long was lost (a crash past its retries): it is failed so another can start. */
const EXPORT_STUCK_MS = 60 * 60 * 1000;
/** A deletion whose purge has not removed the user row after this long gets its purge sent again. */
const PURGE_RESEND_AFTER_MS = 15 * 60 * 1000;
/** D1 binds at most 100 parameters per statement; the expiry update binds one id each. */
const BATCH = 90;

/**
 * Cron: deletes the files of exports past their 7 days (row → `expired`, key cleared; R2 object
 * first, so a crash leaves a row that is expired again next time) and fails exports stuck in flight.
 */
export async function sweepExports(env: Env, now: number): Promise<void> {
  const { db, bucket } = privacyDeps(env);
  const due = await db
    .select({ id: dataExports.id, r2Key: dataExports.r2Key })
    .from(dataExports)
    .where(and(eq(dataExports.status, "ready"), lt(dataExports.expiresAt, now + 1)))
    .limit(BATCH);
  const keys = due.flatMap((row) => (row.r2Key ? [row.r2Key] : []));
  if (keys.length > 0) await bucket.delete(keys);
  if (due.length > 0) {
    await db
      .update(dataExports)
      .set({ status: "expired", r2Key: null })
      .where(
        and(
          inArray(
            dataExports.id,
            due.map((row) => row.id),
          ),
          eq(dataExports.status, "ready"),
        ),
      );
  }
  await db
    .update(dataExports)
    .set({ status: "failed", errorMessage: "Preparing your export took too long. Please try again.", finishedAt: now })
    .where(and(inArray(dataExports.status, ["queued", "building"]), lt(dataExports.createdAt, now - EXPORT_STUCK_MS)));
}

/** Cron backstop: re-sends the purge of accounts deleted a while ago whose user row is still there. */
export async function resumePurges(env: Env, now: number): Promise<void> {
  const deps = privacyDeps(env);
  const pending = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.deletedAt), lt(users.deletedAt, now - PURGE_RESEND_AFTER_MS)))
    .limit(BATCH);
  for (const { id } of pending) await deps.enqueue({ type: "purge", userId: id, final: false });
}
