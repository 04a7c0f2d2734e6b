import type { Database } from "../db/client";
import { newId } from "../lib/ids";
import { thumbnailKeyFor, uploadKey } from "./keys";
import { insertWithinQuota, quotaExceeded } from "./quota";
import { deleteMediaObjects, type MediaBucket } from "./storage";
import { makeThumbnail } from "./thumbnails";
import type { MediaRow } from "./views";

export interface UploadDeps {
  db: Database;
  env: MediaBucket;
  now: number;
  /** The user's storage quota: the row is written only if it fits (see `insertWithinQuota`). */
  quotaBytes: number;
}

/**
 * Stores a user's image: checked by its bytes and fully decoded (so a damaged or disguised file is
 * refused before anything is written), kept as uploaded under `uploads/{userId}/{mediaId}` with the
 * verified type, a thumbnail beside it, then the row, only if it fits the quota. If the row cannot be
 * written (or does not fit), the objects go.
 */
export async function createUpload(deps: UploadDeps, userId: string, bytes: Uint8Array): Promise<MediaRow> {
  const thumbnail = makeThumbnail(bytes);
  const { original } = thumbnail;
  const id = newId(deps.now);
  const r2Key = uploadKey(userId, id);
  const thumbnailKey = thumbnailKeyFor(r2Key, thumbnail.contentType);
  const row: MediaRow = {
    id,
    userId,
    jobId: null,
    position: 0,
    kind: "upload",
    r2Key,
    contentType: original.contentType,
    bytes: bytes.byteLength,
    width: original.width,
    height: original.height,
    durationMs: null,
    thumbnailKey,
    favorite: false,
    prompt: null,
    createdAt: deps.now,
  };
  try {
    await Promise.all([
      deps.env.MEDIA.put(r2Key, bytes, { httpMetadata: { contentType: original.contentType } }),
      deps.env.MEDIA.put(thumbnailKey, thumbnail.bytes, { httpMetadata: { contentType: thumbnail.contentType } }),
    ]);
    if (!(await insertWithinQuota(deps.db, row, deps.quotaBytes))) throw quotaExceeded(deps.quotaBytes);
  } catch (error) {
    await deleteMediaObjects(deps.env, [row]);
    throw error;
  }
  return row;
}
