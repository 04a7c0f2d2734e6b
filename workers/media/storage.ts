import { AppError } from "../lib/errors";

/** The R2 binding media code needs; tests and other capabilities may pass just this. */
export interface MediaBucket {
  MEDIA: R2Bucket;
}

/**
 * R2 multipart parts must be at least 5 MiB and all the same size except the last; 8 MiB parts
 * allow objects up to 80 GB within R2's 10,000-part limit while holding one part in memory.
 */
export const PART_BYTES = 8 * 1024 * 1024;

export interface PutOptions {
  contentType: string;
  /** Exact length when known: the stream is then checked against it and stored in one put. */
  bytes?: number;
  /** Refuse (413) and store nothing once the stream passes this many bytes. */
  maxBytes?: number;
}

/**
 * Streams `stream` into R2 at `key` without holding the whole object in memory: one put through a
 * FixedLengthStream when the length is known, else a multipart upload of PART_BYTES parts
 * (or a single put when it all fits in the first part). Returns the stored size.
 */
export async function putStream(env: MediaBucket, key: string, stream: ReadableStream<Uint8Array>, options: PutOptions): Promise<number> {
  const httpMetadata = { contentType: options.contentType };
  if (options.bytes !== undefined) {
    if (options.maxBytes !== undefined && options.bytes > options.maxBytes) throw tooLarge(options.maxBytes);
    const { readable, writable } = new FixedLengthStream(options.bytes);
    // Both sides are awaited so that a short or long source fails this call, not some later tick.
    const [stored, piped] = await Promise.allSettled([env.MEDIA.put(key, readable, { httpMetadata }), stream.pipeTo(writable)]);
    if (piped.status === "rejected") throw piped.reason;
    if (stored.status === "rejected") throw stored.reason;
    return options.bytes;
  }
  return putInParts(env.MEDIA, key, stream, httpMetadata, options.maxBytes ?? Number.POSITIVE_INFINITY);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The file is larger than ${maxBytes} bytes.`);
}

async function putInParts(
  bucket: R2Bucket,
  key: string,
  stream: ReadableStream<Uint8Array>,
  httpMetadata: R2HTTPMetadata,
  maxBytes: number,
): Promise<number> {
  const part = new Uint8Array(PART_BYTES);
  let filled = 0;
  let total = 0;
  let upload: R2MultipartUpload | null = null;
  const parts: R2UploadedPart[] = [];
  const reader = stream.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      let offset = 0;
      while (offset < chunk.value.byteLength) {
        const take = Math.min(PART_BYTES - filled, chunk.value.byteLength - offset);
        part.set(chunk.value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === PART_BYTES) {
          upload ??= await bucket.createMultipartUpload(key, { httpMetadata });
          // Awaiting each part is the backpressure: nothing more is read until R2 has it.
          parts.push(await upload.uploadPart(parts.length + 1, part));
          filled = 0;
        }
      }
    }
    if (!upload) {
      await bucket.put(key, part.subarray(0, filled), { httpMetadata });
      return total;
    }
    if (filled > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)));
    await upload.complete(parts);
    return total;
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await upload?.abort().catch(() => undefined);
    throw error;
  }
}

/** The R2 keys a media row owns. */
export interface MediaObjects {
  r2Key: string;
  thumbnailKey: string | null;
}

/** R2 deletes at most 1,000 keys per call. */
const DELETE_BATCH = 1000;

/** Deletes the originals and thumbnails of `rows` from R2 (missing keys are fine: deleting is idempotent). */
export async function deleteMediaObjects(env: MediaBucket, rows: readonly MediaObjects[]): Promise<void> {
  const keys = rows.flatMap((row) => (row.thumbnailKey ? [row.r2Key, row.thumbnailKey] : [row.r2Key]));
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    await env.MEDIA.delete(keys.slice(i, i + DELETE_BATCH));
  }
}
