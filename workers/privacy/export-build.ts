import { makeZip } from "client-zip";
import { findUserById } from "../auth/users";
import type { Database } from "../db/client";
import { extensionFor } from "../media/filenames";
import { putStream } from "../media/storage";
import type { ExportObject } from "./contract";
import { type AccountData, collectAccountData, EXPORT_FORMAT_VERSION } from "./export-data";
import { claimExport, markFailed, markReady } from "./exports-store";
import { exportKey } from "./keys";

/** The machine-readable part of the archive (schema in docs/privacy.md). */
const EXPORT_JSON_NAME = "ausar-export.json";

/** Deliveries of one export message before it is failed (each retry rebuilds from the start). */
export const EXPORT_MAX_ATTEMPTS = 3;

export interface ExportDeps {
  db: Database;
  bucket: R2Bucket;
  now: () => number;
}

/**
 * The archive's entries, produced one at a time as client-zip asks for them: each media object is
 * opened only when the archive reaches it and streams through (stored, not recompressed), so memory
 * stays flat whatever the gallery's size. The JSON comes last so that it names exactly the files
 * that made it in (an item deleted by its owner meanwhile gets `file: null`).
 */
async function* entries(bucket: R2Bucket, document: AccountData, objects: ExportObject[], header: Record<string, unknown>) {
  for (const object of objects) {
    const stored = await bucket.get(object.r2Key);
    if (!stored) continue;
    const file = `media/${object.mediaId}.${extensionFor(object.contentType)}`;
    if (object.item) object.item.file = file;
    yield { name: file, lastModified: new Date(object.createdAt), size: stored.size, input: stored.body };
  }
  yield { name: EXPORT_JSON_NAME, lastModified: new Date(), input: JSON.stringify({ ...header, ...document }, null, 2) };
}

/**
 * Builds export `exportId`: claims it, writes the ZIP to R2 (a multipart upload in 8 MiB parts, so
 * neither the archive nor any file is ever held whole), then marks it ready for 7 days. When the
 * export was failed or its owner's account purged meanwhile, the object just written is removed.
 */
export async function buildExport(deps: ExportDeps, exportId: string): Promise<void> {
  const claimed = await claimExport(deps.db, exportId, deps.now());
  if (!claimed) return;
  // An account deleted meanwhile is being purged: nothing is exported from it.
  if (!(await findUserById(deps.db, claimed.userId))) return markFailed(deps.db, exportId, "This account was deleted.", deps.now());
  const { document, objects } = await collectAccountData(deps.db, claimed.userId);
  const key = exportKey(claimed.userId, exportId);
  const header = { format: "ausar-export", version: EXPORT_FORMAT_VERSION, exportId, generatedAt: deps.now() };
  const bytes = await putStream({ MEDIA: deps.bucket }, key, makeZip(entries(deps.bucket, document, objects, header)), {
    contentType: "application/zip",
  });
  const mediaCount = objects.filter((object) => object.item?.file).length;
  if (!(await markReady(deps.db, exportId, { r2Key: key, bytes, mediaCount }, deps.now()))) {
    await deps.bucket.delete(key);
  }
}

/** After the last failed delivery: the person sees why and may start a new export. */
export function giveUpExport(deps: ExportDeps, exportId: string): Promise<void> {
  return markFailed(deps.db, exportId, "We could not prepare your export. Please try again.", deps.now());
}
