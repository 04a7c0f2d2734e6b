import { AppError } from "../lib/errors";
import { readBounded } from "../lib/bounded-read";
import { extensionFor, isStorableType } from "../media/filenames";
import { inspectImage } from "../media/inspect";
import { thumbnailKeyFor } from "../media/keys";
import { deleteMediaObjects, putStream } from "../media/storage";
import { makeThumbnail } from "../media/thumbnails";
import type { ProviderOutput } from "./providers/types";

/** One output copied into R2, ready to become a `media` row. */
export interface StoredOutput {
  position: number;
  kind: "image" | "video";
  r2Key: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbnailKey: string | null;
}

/** An output that cannot be stored: `retryable` when trying again may give a good one. */
export class OutputError extends Error {
  constructor(
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
    this.name = "OutputError";
  }
}

/** Image types we can check from their header (and later thumbnail); others are stored as they are. */
export const CHECKED_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
/** Images are read whole to check them (a Worker has 128 MB); videos are streamed. */
export const IMAGE_MAX_BYTES = 40 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 2 * 1024 * 1024 * 1024;

/** `media/{userId}/{jobId}/{n}.{ext}`. */
export function outputKey(userId: string, jobId: string, position: number, contentType: string): string {
  return `media/${userId}/${jobId}/${position}.${extensionFor(contentType)}`;
}

/**
 * Copies every output into R2 in order (one in memory at a time at most; videos never). Images
 * are checked from their header (type by the bytes, size, complete); their thumbnails are made
 * after the job succeeds (see thumbnails.ts), videos take theirs from the provider's poster.
 * On any failure the remaining bodies are cancelled, what was
 * written is deleted, and an OutputError says whether another attempt may do better.
 */
export async function storeOutputs(
  bucket: R2Bucket,
  job: { userId: string; id: string; kind: "image" | "video" },
  outputs: ProviderOutput[],
): Promise<StoredOutput[]> {
  const stored: StoredOutput[] = [];
  try {
    if (outputs.length === 0) throw new OutputError(false, "The provider returned no results.");
    for (const [position, output] of outputs.entries()) {
      stored.push(await storeOne(bucket, job, position, output));
    }
    return stored;
  } catch (error) {
    await Promise.all(outputs.slice(stored.length).map((output) => output.body.cancel().catch(() => undefined)));
    await deleteMediaObjects({ MEDIA: bucket }, stored);
    throw toOutputError(error);
  }
}

function toOutputError(error: unknown): OutputError {
  if (error instanceof OutputError) return error;
  // The media helpers' AppErrors mean the bytes themselves are wrong: not worth another attempt.
  if (error instanceof AppError) return new OutputError(false, "The provider sent a result that could not be read.");
  return new OutputError(true, "The result could not be saved.");
}

async function storeOne(
  bucket: R2Bucket,
  job: { userId: string; id: string; kind: "image" | "video" },
  position: number,
  output: ProviderOutput,
): Promise<StoredOutput> {
  const contentType = output.contentType.toLowerCase();
  if (!isStorableType(contentType) || !contentType.startsWith(`${job.kind}/`)) {
    await output.body.cancel().catch(() => undefined);
    throw new OutputError(false, "The provider sent a result of the wrong type.");
  }
  const r2Key = outputKey(job.userId, job.id, position, contentType);
  const base = { position, kind: job.kind, r2Key, contentType, durationMs: output.durationMs ?? null };
  if (job.kind === "video") {
    const bytes = await putStream({ MEDIA: bucket }, r2Key, output.body, { contentType, bytes: output.bytes, maxBytes: VIDEO_MAX_BYTES });
    const thumbnailKey = output.poster ? await storeThumbnail(bucket, r2Key, output.poster.bytes).catch(() => null) : null;
    return { ...base, bytes, width: output.width ?? null, height: output.height ?? null, thumbnailKey };
  }
  const bytes = await readBounded(output.body, IMAGE_MAX_BYTES, output.bytes);
  if (!bytes) throw new OutputError(false, "The provider's result is too large.");
  if (bytes.byteLength === 0) throw new OutputError(false, "The provider sent an empty result.");
  if (!CHECKED_IMAGE_TYPES.has(contentType)) {
    await bucket.put(r2Key, bytes, { httpMetadata: { contentType } });
    return { ...base, bytes: bytes.byteLength, width: output.width ?? null, height: output.height ?? null, thumbnailKey: null };
  }
  // The bytes decide the type (a provider may label a JPEG "image/png"); the key follows them.
  const checked = inspectImage(bytes);
  const key = outputKey(job.userId, job.id, position, checked.contentType);
  await bucket.put(key, bytes, { httpMetadata: { contentType: checked.contentType } });
  return { ...base, r2Key: key, contentType: checked.contentType, bytes: bytes.byteLength, width: checked.width, height: checked.height, thumbnailKey: null };
}

/** A video's poster as its gallery thumbnail; the video stands without one if the poster is unreadable. */
async function storeThumbnail(bucket: R2Bucket, originalKey: string, poster: Uint8Array): Promise<string> {
  const thumbnail = makeThumbnail(poster);
  const key = thumbnailKeyFor(originalKey, thumbnail.contentType);
  await bucket.put(key, thumbnail.bytes, { httpMetadata: { contentType: thumbnail.contentType } });
  return key;
}
