import { and, eq, notExists, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { insertRowIf } from "../db/insert-select";
import { media } from "../db/schema";
import { readBounded } from "../lib/bounded-read";
import { AppError } from "../lib/errors";
import { markVideo, type Provenance, signsVideo, stampImage, stampVideo, UnmarkableError } from "../provenance/mark";
import { type InspectedImage, inspectImage } from "./inspect";
import { thumbnailKeyFor } from "./keys";
import { deleteMediaObjects, type MediaObjects, putStream } from "./storage";
import { makeThumbnail } from "./thumbnails";
import type { MediaRow } from "./views";

export { extensionFor, isStorableType } from "./filenames";

/**
 * How bytes become gallery items, for uploads and for generation's outputs alike: the original
 * into R2 (checked by its bytes), its thumbnail, then the `media` row. Other capabilities use this
 * module, not the storage, inspection and thumbnail helpers behind it.
 */

/** Image types we can check from their header and thumbnail; other types are stored as they are. */
export const CHECKED_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);

/** An original stored in R2, with its thumbnail when one was made. */
export interface IngestedObject {
  r2Key: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbnailKey: string | null;
}

/** What to ingest. The key is chosen once the type is known from the bytes (`keyFor`). */
export type IngestSource =
  /** An upload: fully decoded (a damaged or disguised file is refused before anything is written); its thumbnail is made at once. */
  | { kind: "upload"; bytes: Uint8Array }
  /**
   * A generated image, already read: a checked type is verified from its header (the bytes decide
   * the type, whatever the label says); its thumbnail is made later (`storeThumbnail`), as decoding
   * costs 50–100 ms of CPU.
   */
  | { kind: "image"; bytes: Uint8Array; contentType: string; width?: number; height?: number; provenance: Provenance }
  /** A video, streamed (never buffered); the poster frame, when readable, becomes its thumbnail. */
  | {
      kind: "video";
      body: ReadableStream<Uint8Array>;
      contentType: string;
      bytes?: number;
      maxBytes: number;
      poster?: Uint8Array;
      width?: number;
      height?: number;
      /** The video gets the XMP mark (streamed); its poster thumbnail the mark and a signed manifest. */
      provenance: Provenance;
    };

/** Stores one original (and, for uploads and video posters, its thumbnail) in R2; see `IngestSource`. */
export async function ingestObject(
  bucket: R2Bucket,
  source: IngestSource,
  keyFor: (contentType: string) => string,
): Promise<IngestedObject> {
  if (source.kind === "upload") {
    const thumbnail = makeThumbnail(source.bytes);
    const { original } = thumbnail;
    const r2Key = keyFor(original.contentType);
    const thumbnailKey = thumbnailKeyFor(r2Key, thumbnail.contentType);
    const object = {
      r2Key,
      contentType: original.contentType,
      bytes: source.bytes.byteLength,
      width: original.width,
      height: original.height,
      thumbnailKey,
    };
    try {
      await Promise.all([
        bucket.put(r2Key, source.bytes, { httpMetadata: { contentType: original.contentType } }),
        bucket.put(thumbnailKey, thumbnail.bytes, { httpMetadata: { contentType: thumbnail.contentType } }),
      ]);
    } catch (error) {
      await discardObjects(bucket, [object]);
      throw error;
    }
    return object;
  }
  if (source.kind === "video") {
    const r2Key = keyFor(source.contentType);
    const { provenance } = source;
    if (signsVideo(source.contentType, source.bytes, provenance) && provenance.signer) {
      // Small enough to read whole (the declared length is at most VIDEO_SIGNING_MAX_BYTES): marked and signed.
      const read = await readBounded(source.body, source.bytes!, source.bytes);
      if (!read || read.byteLength !== source.bytes)
        throw new AppError("invalid_image", "The video was shorter or longer than its stated length.");
      let signed: Uint8Array;
      try {
        signed = await stampVideo(read, source.contentType, { ...provenance, signer: provenance.signer });
      } catch (error) {
        if (error instanceof UnmarkableError)
          throw new AppError("invalid_image", "The video could not be read: it is damaged or incomplete.");
        throw error;
      }
      await bucket.put(r2Key, signed, { httpMetadata: { contentType: source.contentType } });
      const thumbnailKey = source.poster ? await storeThumbnail(bucket, r2Key, source.poster, provenance).catch(() => null) : null;
      const size = { width: source.width ?? null, height: source.height ?? null };
      return { r2Key, contentType: source.contentType, bytes: signed.byteLength, ...size, thumbnailKey };
    }
    const marked = markVideo(source.body, source.contentType, source.provenance.mark);
    if (!marked) unmarked(source.contentType, "no box container");
    const added = marked?.addedBytes ?? 0;
    const bytes = await putStream({ MEDIA: bucket }, r2Key, marked?.body ?? source.body, {
      contentType: source.contentType,
      bytes: source.bytes === undefined ? undefined : source.bytes + added,
      maxBytes: source.maxBytes + added,
    });
    const thumbnailKey = source.poster ? await storeThumbnail(bucket, r2Key, source.poster, source.provenance).catch(() => null) : null;
    return { r2Key, contentType: source.contentType, bytes, width: source.width ?? null, height: source.height ?? null, thumbnailKey };
  }
  const checked = CHECKED_IMAGE_TYPES.has(source.contentType) ? inspectImage(source.bytes) : null;
  const contentType = checked?.contentType ?? source.contentType;
  const r2Key = keyFor(contentType);
  const stored = await markedImage(source.bytes, checked, contentType, source.provenance);
  await bucket.put(r2Key, stored, { httpMetadata: { contentType } });
  return {
    r2Key,
    contentType,
    bytes: stored.byteLength,
    width: checked?.width ?? source.width ?? null,
    height: checked?.height ?? source.height ?? null,
    thumbnailKey: null,
  };
}

/** A generated file stored without the AI-generated mark (an unusual type): said in the logs, never silent. */
function unmarked(contentType: string, reason: string): void {
  console.warn(JSON.stringify({ level: "warn", event: "provenance_unmarked", contentType, reason }));
}

/**
 * A generated image with its mark and signed manifest. A checked type whose structure will not take it is a damaged
 * file (refused like one); a type we do not check (GIF, AVIF) is stored as it came, and logged.
 */
async function markedImage(
  bytes: Uint8Array,
  checked: InspectedImage | null,
  contentType: string,
  provenance: Provenance,
): Promise<Uint8Array> {
  if (!checked) {
    unmarked(contentType, "type not markable");
    return bytes;
  }
  try {
    return await stampImage(bytes, checked, provenance);
  } catch (error) {
    if (error instanceof UnmarkableError) throw new AppError("invalid_image", "The image could not be read: it is damaged or incomplete.");
    throw error;
  }
}

/**
 * Makes the gallery thumbnail of a generated original, marked as AI-generated and signed like the
 * original (a re-encoded copy keeps none of its marks), and stores it beside it; returns its key. Throws the
 * media AppError when the image cannot be decoded (the item then stands without a thumbnail).
 */
export async function storeThumbnail(
  bucket: R2Bucket,
  originalKey: string,
  bytes: Uint8Array,
  provenance: Provenance,
  contentType?: string,
): Promise<string> {
  const thumbnail = makeThumbnail(bytes, contentType);
  const key = thumbnailKeyFor(originalKey, thumbnail.contentType);
  await bucket.put(key, await stampImage(thumbnail.bytes, { ...thumbnail, contentType: thumbnail.contentType }, provenance), {
    httpMetadata: { contentType: thumbnail.contentType },
  });
  return key;
}

/** Deletes stored originals and their thumbnails whose rows were never written (or lost a race). */
export function discardObjects(bucket: R2Bucket, objects: readonly MediaObjects[]): Promise<void> {
  return deleteMediaObjects({ MEDIA: bucket }, objects);
}

/**
 * The `media` row of a job's output, as one unawaited statement that writes it only when
 * `condition` holds and no row holds this job's position yet (so generation can put it in the
 * batch of the job's success, and a racing finisher of the same job adds nothing).
 */
export function insertOutputRowIf(db: Database, row: MediaRow & { jobId: string }, condition: SQL | undefined) {
  const positionTaken = db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.jobId, row.jobId), eq(media.position, row.position)));
  return insertRowIf(db, media, row, and(condition, notExists(positionTaken)));
}
