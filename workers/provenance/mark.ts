import { UnmarkableError } from "./bytes";
import { markJpeg } from "./jpeg";
import { appendBox, xmpBox } from "./mp4";
import { markPng } from "./png";
import { markWebp } from "./webp";
import { type ProvenanceMark, xmpPacket } from "./xmp";

export type { ProvenanceMark } from "./xmp";
export { UnmarkableError };

/** Image types Ausar can mark; others are stored unmarked (and logged), see docs/provenance.md. */
const MARKERS: Record<string, (bytes: Uint8Array, xmp: Uint8Array, size: { width: number; height: number }) => Uint8Array> = {
  "image/png": (bytes, xmp) => markPng(bytes, xmp),
  "image/jpeg": (bytes, xmp) => markJpeg(bytes, xmp),
  "image/webp": markWebp,
};

/** The image with the mark's XMP in it (one copy of the bytes). Throws UnmarkableError for a malformed file or unknown type. */
export function markImage(
  bytes: Uint8Array,
  image: { contentType: string; width: number; height: number },
  mark: ProvenanceMark,
): Uint8Array {
  const marker = MARKERS[image.contentType];
  if (!marker) throw new UnmarkableError(`cannot mark ${image.contentType}`);
  return marker(bytes, xmpPacket(mark), image);
}

/** Video types whose files are a sequence of top-level boxes, so one more can go at the end. */
const BOX_VIDEO_TYPES = new Set(["video/mp4", "video/quicktime"]);

/**
 * A video stream with the mark appended, and how many bytes that adds; null for a type whose
 * container takes no appended box (stored unmarked and logged, see docs/provenance.md).
 */
export function markVideo(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  mark: ProvenanceMark,
): { body: ReadableStream<Uint8Array>; addedBytes: number } | null {
  if (!BOX_VIDEO_TYPES.has(contentType)) return null;
  const box = xmpBox(xmpPacket(mark));
  return { body: appendBox(body, box), addedBytes: box.byteLength };
}
