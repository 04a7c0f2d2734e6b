import { readBounded } from "../lib/bounded-read";
import { AppError } from "../lib/errors";
import { discardObjects, extensionFor, ingestObject, isStorableType } from "../media/ingest";
import type { Provenance } from "../provenance/mark";
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

/** Images are read whole to check them (a Worker has 128 MB); videos are streamed. */
const IMAGE_MAX_BYTES = 40 * 1024 * 1024;
const VIDEO_MAX_BYTES = 2 * 1024 * 1024 * 1024;

/** `media/{userId}/{jobId}/{n}.{ext}`. */
function outputKey(userId: string, jobId: string, position: number, contentType: string): string {
  return `media/${userId}/${jobId}/${position}.${extensionFor(contentType)}`;
}

/**
 * Copies every output into R2 in order, each marked as AI-generated and signed (`provenance`, see provenance/) (one in memory at a time at most; videos never). Images
 * are checked from their header (type by the bytes, size, complete); their thumbnails are made
 * after the job succeeds (see thumbnails.ts), videos take theirs from the provider's poster.
 * On any failure the remaining bodies are cancelled, what was
 * written is deleted, and an OutputError says whether another attempt may do better.
 */
export async function storeOutputs(
  bucket: R2Bucket,
  job: { userId: string; id: string; kind: "image" | "video" },
  outputs: ProviderOutput[],
  provenance: Provenance,
): Promise<StoredOutput[]> {
  const stored: StoredOutput[] = [];
  try {
    if (outputs.length === 0) throw new OutputError(false, "The provider returned no results.");
    for (const [position, output] of outputs.entries()) {
      stored.push(await storeOne(bucket, job, position, output, provenance));
    }
    return stored;
  } catch (error) {
    await Promise.all(outputs.slice(stored.length).map((output) => output.body.cancel().catch(() => undefined)));
    await discardObjects(bucket, stored);
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
  provenance: Provenance,
): Promise<StoredOutput> {
  const contentType = output.contentType.toLowerCase();
  if (!isStorableType(contentType) || !contentType.startsWith(`${job.kind}/`)) {
    await output.body.cancel().catch(() => undefined);
    throw new OutputError(false, "The provider sent a result of the wrong type.");
  }
  const keyFor = (type: string) => outputKey(job.userId, job.id, position, type);
  const size = { width: output.width, height: output.height };
  const base = { position, kind: job.kind, durationMs: output.durationMs ?? null };
  if (job.kind === "video") {
    const poster = output.poster ? { poster: output.poster.bytes } : {};
    const video = await ingestObject(
      bucket,
      { kind: "video", body: output.body, contentType, bytes: output.bytes, maxBytes: VIDEO_MAX_BYTES, ...poster, ...size, provenance },
      keyFor,
    );
    return { ...base, ...video };
  }
  const bytes = await readBounded(output.body, IMAGE_MAX_BYTES, output.bytes);
  if (!bytes) throw new OutputError(false, "The provider's result is too large.");
  if (bytes.byteLength === 0) throw new OutputError(false, "The provider sent an empty result.");
  return { ...base, ...(await ingestObject(bucket, { kind: "image", bytes, contentType, ...size, provenance }, keyFor)) };
}
