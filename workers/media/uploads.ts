import type { Database } from "../db/client";
import { newId } from "../lib/ids";
import { discardObjects, ingestObject } from "./ingest";
import { uploadKey } from "./keys";
import { insertWithinQuota, quotaExceeded } from "./quota";
import type { MediaBucket } from "./storage";
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
  const id = newId(deps.now);
  const stored = await ingestObject(deps.env.MEDIA, { kind: "upload", bytes }, () => uploadKey(userId, id));
  const row: MediaRow = {
    id,
    userId,
    jobId: null,
    position: 0,
    kind: "upload",
    ...stored,
    durationMs: null,
    favorite: false,
    prompt: null,
    createdAt: deps.now,
  };
  try {
    if (!(await insertWithinQuota(deps.db, row, deps.quotaBytes))) throw quotaExceeded(deps.quotaBytes);
  } catch (error) {
    await discardObjects(deps.env.MEDIA, [row]);
    throw error;
  }
  return row;
}
