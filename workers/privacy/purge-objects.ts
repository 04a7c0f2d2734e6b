import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { media } from "../db/schema";
import { removeMedia } from "../media/gallery";
import type { Budget } from "./budget";
import { userPrefixes } from "./keys";

/** 500 rows name at most 1,000 objects (original and thumbnail): one R2 delete call, R2's per-call maximum. */
const MEDIA_ROWS_PER_CHUNK = 500;

/**
 * The person's gallery, a chunk at a time through the gallery's own delete (R2 objects first, then
 * rows and share links in one batch: three calls), so a crash in between leaves rows whose objects
 * are deleted again on the next run, never an object nothing points to.
 * True when no media row is left; false when the budget ran out first.
 */
export async function purgeMedia(db: Database, bucket: R2Bucket, userId: string, budget: Budget): Promise<boolean> {
  while (budget.spend(3)) {
    const rows = await db
      .select({ id: media.id, r2Key: media.r2Key, thumbnailKey: media.thumbnailKey })
      .from(media)
      .where(eq(media.userId, userId))
      .limit(MEDIA_ROWS_PER_CHUNK);
    if (rows.length === 0) return true;
    await removeMedia({ MEDIA: bucket }, db, userId, rows);
  }
  return false;
}

/**
 * Every object under the person's prefixes (uploads, generated media and thumbnails, exports),
 * including any that no row names. True when all are gone; false when the budget ran out first.
 */
export async function purgePrefixes(bucket: R2Bucket, userId: string, budget: Budget): Promise<boolean> {
  for (const prefix of userPrefixes(userId)) {
    for (;;) {
      if (!budget.spend(2)) return false;
      const listed = await bucket.list({ prefix, limit: 1000 });
      if (listed.objects.length > 0) await bucket.delete(listed.objects.map((object) => object.key));
      if (!listed.truncated) break;
    }
  }
  return true;
}
