import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { media } from "../db/schema";
import { AppError } from "../lib/errors";
import type { Provenance } from "../provenance/mark";
import { CHECKED_IMAGE_TYPES, storeThumbnail } from "./ingest";

/**
 * The row was deleted or thumbnailed by a racing delivery while this thumbnail was made: remove the
 * object unless the row now names this very key (the racer wrote the same bytes to it).
 */
async function dropIfUnused(db: Database, bucket: R2Bucket, mediaId: string, key: string): Promise<void> {
  const rows = await db.select({ thumbnailKey: media.thumbnailKey }).from(media).where(eq(media.id, mediaId)).limit(1);
  if (rows[0]?.thumbnailKey !== key) await bucket.delete(key);
}

/**
 * Makes the gallery thumbnail of each image of a job that has none yet (marked and signed by `provenance`, as its original), and answers how many it
 * made. Idempotent: a row that got its thumbnail meanwhile is skipped. An image that cannot be
 * decoded keeps no thumbnail (the gallery shows the original); other errors throw, so the caller's
 * message is delivered again.
 */
export async function thumbnailJobImages(
  db: Database,
  bucket: R2Bucket,
  job: { id: string; userId: string },
  provenance: Provenance,
): Promise<number> {
  const rows = await db
    .select()
    .from(media)
    .where(and(eq(media.jobId, job.id), eq(media.userId, job.userId), eq(media.kind, "image"), isNull(media.thumbnailKey)));
  let made = 0;
  for (const row of rows.filter((r) => CHECKED_IMAGE_TYPES.has(r.contentType))) {
    const object = await bucket.get(row.r2Key);
    if (!object) continue; // deleted by its owner meanwhile
    let key: string;
    try {
      key = await storeThumbnail(bucket, row.r2Key, new Uint8Array(await object.arrayBuffer()), provenance, row.contentType);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      console.warn(JSON.stringify({ level: "warn", event: "thumbnail_failed", mediaId: row.id, error: error.message }));
      continue;
    }
    const updated = await db
      .update(media)
      .set({ thumbnailKey: key })
      .where(and(eq(media.id, row.id), eq(media.userId, job.userId), isNull(media.thumbnailKey)))
      .returning({ id: media.id });
    if (updated.length > 0) made++;
    else await dropIfUnused(db, bucket, row.id, key);
  }
  return made;
}
