import { and, eq, isNull } from "drizzle-orm";
import { media } from "../db/schema";
import { AppError } from "../lib/errors";
import { CHECKED_IMAGE_TYPES, storeThumbnail } from "../media/ingest";
import type { GenerationDeps } from "./deps";
import { jobById } from "./jobs-store";
import { announce } from "./settlement";

/**
 * The row was deleted or thumbnailed by a racing delivery while this thumbnail was made: remove the
 * object unless the row now names this very key (the racer wrote the same bytes to it).
 */
async function dropIfUnused(deps: GenerationDeps, mediaId: string, key: string): Promise<void> {
  const rows = await deps.db.select({ thumbnailKey: media.thumbnailKey }).from(media).where(eq(media.id, mediaId)).limit(1);
  if (rows[0]?.thumbnailKey !== key) await deps.bucket.delete(key);
}

/**
 * `thumbnails` message: makes the gallery thumbnail of each image of a succeeded job that has
 * none yet (decoding a full image costs ~50–100 ms of CPU, which is why it is not done before the
 * job is announced). Idempotent: a row that got its thumbnail meanwhile is skipped. An image that
 * cannot be decoded keeps no thumbnail (the gallery shows the original); other errors throw, so
 * the message is delivered again.
 */
export async function makeJobThumbnails(deps: GenerationDeps, jobId: string): Promise<void> {
  const job = await jobById(deps.db, jobId);
  if (job?.status !== "succeeded") return;
  const rows = await deps.db
    .select()
    .from(media)
    .where(and(eq(media.jobId, job.id), eq(media.userId, job.userId), eq(media.kind, "image"), isNull(media.thumbnailKey)));
  let made = 0;
  for (const row of rows.filter((r) => CHECKED_IMAGE_TYPES.has(r.contentType))) {
    const object = await deps.bucket.get(row.r2Key);
    if (!object) continue; // deleted by its owner meanwhile
    let key: string;
    try {
      key = await storeThumbnail(deps.bucket, row.r2Key, new Uint8Array(await object.arrayBuffer()), row.contentType);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      console.warn(JSON.stringify({ level: "warn", event: "thumbnail_failed", mediaId: row.id, error: error.message }));
      continue;
    }
    const updated = await deps.db
      .update(media)
      .set({ thumbnailKey: key })
      .where(and(eq(media.id, row.id), eq(media.userId, job.userId), isNull(media.thumbnailKey)))
      .returning({ id: media.id });
    if (updated.length > 0) made++;
    else await dropIfUnused(deps, row.id, key);
  }
  if (made > 0) await announce(deps, job);
}
