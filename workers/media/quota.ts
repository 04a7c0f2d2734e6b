import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { media } from "../db/schema";
import { AppError } from "../lib/errors";
import type { RateLimit } from "../lib/rate-limit";
import type { MediaRow } from "./views";

/**
 * Uploads decode a whole image (CPU and up to ~64 MiB of memory each): 120 in ten minutes lets someone
 * drop a folder of a hundred pictures at once, and stops a script from keeping a Worker busy decoding.
 * `UPLOADS_PER_TEN_MINUTES` overrides the count (benchmarks that upload hundreds of items raise it).
 */
export const UPLOAD_RATE_LIMIT: RateLimit = { name: "uploads_user", max: 120, windowMs: 10 * 60_000 };

/** The upload limit for this deployment: UPLOAD_RATE_LIMIT with `UPLOADS_PER_TEN_MINUTES` as its count when set. */
export function uploadRateLimit(env: Pick<Env, "UPLOADS_PER_TEN_MINUTES">): RateLimit {
  const max = Number(env.UPLOADS_PER_TEN_MINUTES);
  return Number.isSafeInteger(max) && max > 0 ? { ...UPLOAD_RATE_LIMIT, max } : UPLOAD_RATE_LIMIT;
}

/** `STORAGE_QUOTA_BYTES` from the environment; a missing or malformed value is a deployment error, not a 4xx. */
export function storageQuotaBytes(env: Pick<Env, "STORAGE_QUOTA_BYTES">): number {
  const quota = Number(env.STORAGE_QUOTA_BYTES);
  if (!Number.isSafeInteger(quota) || quota < 0) throw new Error("STORAGE_QUOTA_BYTES must be a whole number of bytes");
  return quota;
}

/** The bytes of the user's stored originals: uploads and generated outputs (thumbnails are ours and not counted). */
function usedBytes(userId: string) {
  return sql<number>`(SELECT COALESCE(SUM(${media.bytes}), 0) FROM ${media} WHERE ${media.userId} = ${userId})`;
}

/** How many bytes the user stores now; one range read of the covering `(user_id, bytes)` index. */
export async function storageUsage(db: Database, userId: string): Promise<number> {
  const row = await db
    .select({ bytes: sql<number>`COALESCE(SUM(${media.bytes}), 0)` })
    .from(media)
    .where(eq(media.userId, userId))
    .get();
  return Number(row?.bytes ?? 0);
}

/** The 413 an upload gets when it would take the user past their quota. */
export function quotaExceeded(quotaBytes: number): AppError {
  const gb = (quotaBytes / 1024 ** 3).toLocaleString("en", { maximumFractionDigits: 1 });
  return new AppError("storage_quota_exceeded", `Your storage is full (${gb} GB). Delete something from your gallery to upload more.`);
}

/** Refuses (413) an upload of `adding` bytes when the user's current usage leaves no room for it. */
export async function assertRoomFor(db: Database, userId: string, adding: number, quotaBytes: number): Promise<void> {
  if ((await storageUsage(db, userId)) + adding > quotaBytes) throw quotaExceeded(quotaBytes);
}

/**
 * Inserts an upload's row only if it still fits the quota, deciding in the same statement that writes
 * it. D1 runs one statement at a time, so two concurrent uploads cannot both see the room that only
 * one of them fits: uploads never take a user past the quota. Returns false when it did not fit.
 * Raw SQL because drizzle has no `INSERT … SELECT <constants> WHERE <condition>`; the columns are
 * taken from the table definition, in the order drizzle names them in the INSERT.
 */
export async function insertWithinQuota(db: Database, row: MediaRow, quotaBytes: number): Promise<boolean> {
  const values = Object.entries(getTableColumns(media)).map(([field, column]) => sql.param(row[field as keyof MediaRow], column));
  const inserted = await db
    .insert(media)
    .select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${usedBytes(row.userId)} + ${row.bytes} <= ${quotaBytes}`)
    .returning({ id: media.id })
    .get();
  return inserted !== undefined;
}
