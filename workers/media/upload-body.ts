import { UPLOAD_REFUSALS } from "../../shared/media-limits";
import { readBounded } from "../lib/bounded-read";
import { AppError } from "../lib/errors";

/** Multipart framing (boundaries, part headers) allowed on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", UPLOAD_REFUSALS.tooLarge(maxBytes));
}

const empty = () => new AppError("bad_request", UPLOAD_REFUSALS.empty);

/** A Content-Length header as a number, or null when absent (a streamed, chunked body). */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("Content-Length");
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header);
}

/**
 * The fewest bytes this upload can store, known before reading it: a raw body's declared length (one
 * byte when unknown), one byte for multipart, whose framing hides the file's size until it is parsed.
 */
export function minimumUploadBytes(request: Request): number {
  const multipart = /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
  return multipart ? 1 : Math.max(1, declaredLength(request) ?? 1);
}

/** Counts bytes as they pass and fails the stream past `maxBytes`, so a parser reading it stops there. */
function capped(body: ReadableStream<Uint8Array>, maxBytes: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          onExceeded();
          controller.error(tooLarge(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

async function readMultipartFile(request: Request, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  let exceeded = false;
  const counted = capped(body, maxBytes + MULTIPART_OVERHEAD_BYTES, () => (exceeded = true));
  let form: FormData;
  try {
    form = await new Response(counted, { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
  } catch {
    if (exceeded) throw tooLarge(maxBytes);
    throw new AppError("bad_request", "The multipart body could not be read.");
  }
  const file = form.get("file");
  if (file === null || typeof file === "string") {
    throw new AppError("validation_failed", "Attach the image as the `file` field.", {
      issues: [{ path: "file", message: "Attach an image file." }],
    });
  }
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  if (file.size === 0) throw empty();
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * The uploaded bytes, from a raw body or the multipart `file` field. A declared Content-Length
 * past the cap is answered 413 before any byte is read (the body is left alone rather than
 * cancelled, so the client sees the 413 and not a reset); a body of unknown length is counted
 * while it streams and refused as soon as it passes the cap.
 */
export async function readUploadBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const multipart = /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes + (multipart ? MULTIPART_OVERHEAD_BYTES : 0)) throw tooLarge(maxBytes);
  if (declared === 0 || !request.body) throw empty();
  if (request.bodyUsed) throw new AppError("unsupported_media_type", "Only PNG, JPEG and WebP images are accepted.");
  if (multipart) return readMultipartFile(request, request.body, maxBytes);
  const bytes = await readBounded(request.body, maxBytes, declared);
  if (!bytes) throw tooLarge(maxBytes);
  if (bytes.length === 0) throw empty();
  return bytes;
}
