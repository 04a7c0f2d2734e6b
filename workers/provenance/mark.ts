import { UnmarkableError } from "../../shared/provenance/bytes";
import type { SignerSource } from "./c2pa/signer";
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

/**
 * How a job's files are marked: the XMP mark, and the Content Credentials signer (null when its
 * secrets are not set: files then carry the XMP mark alone, and each is logged).
 */
export interface Provenance {
  mark: ProvenanceMark;
  signer: SignerSource | null;
}

/**
 * The image with the mark's XMP and then a signed C2PA manifest over the result (in that order:
 * any edit after signing breaks the manifest's hash). Throws UnmarkableError like `markImage`.
 */
export async function stampImage(
  bytes: Uint8Array,
  image: { contentType: string; width: number; height: number },
  provenance: Provenance,
): Promise<Uint8Array> {
  if (!provenance.signer) {
    console.warn(
      JSON.stringify({ level: "warn", event: "provenance_unsigned", contentType: image.contentType, reason: "no C2PA signer configured" }),
    );
    return markImage(bytes, image, provenance.mark);
  }
  // Loaded on first use, like the signer (start-up cost). A manifest the provider's file came with is
  // read and checked before the XMP edit changes the bytes.
  const { parentCredentials, signImage } = await import("./c2pa/sign");
  const parent = await parentCredentials(bytes, image.contentType);
  const marked = markImage(bytes, image, provenance.mark);
  return signImage(marked, image.contentType, provenance.mark, await provenance.signer(), parent);
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

/**
 * The largest video that gets a signed manifest: it is read whole (the BMFF hash covers every box)
 * and signing holds four copies at once — the file as read, the file with the XMP box, that file
 * with the manifest's box, and c2pa-ts's hash input (measured: 3.0× the file on top of it,
 * bench/README.md) — so 16 MiB stays near 64 MB of a Worker's 128 MB. Larger videos, and those
 * whose length is not declared up front, keep the streamed XMP mark alone (logged).
 */
export const VIDEO_SIGNING_MAX_BYTES = 16 * 1024 * 1024;

/** Whether a video of this type and declared length is read and signed (`stampVideo`) rather than streamed. */
export function signsVideo(contentType: string, bytes: number | undefined, provenance: Provenance): boolean {
  if (!BOX_VIDEO_TYPES.has(contentType)) return false;
  const reason = !provenance.signer
    ? "no C2PA signer configured"
    : bytes === undefined
      ? "length not declared"
      : bytes > VIDEO_SIGNING_MAX_BYTES
        ? `larger than ${VIDEO_SIGNING_MAX_BYTES} bytes`
        : null;
  if (reason) console.warn(JSON.stringify({ level: "warn", event: "provenance_unsigned", contentType, bytes, reason }));
  return reason === null;
}

/**
 * A whole MP4 or QuickTime file (at most VIDEO_SIGNING_MAX_BYTES) with the XMP box appended and
 * then a signed C2PA manifest in a box after it (in that order: any edit after signing breaks the
 * BMFF hash). Throws UnmarkableError when its top-level boxes cannot be read.
 */
export async function stampVideo(
  bytes: Uint8Array,
  contentType: string,
  provenance: Provenance & { signer: SignerSource },
): Promise<Uint8Array> {
  const { signImage } = await import("./c2pa/sign");
  const box = xmpBox(xmpPacket(provenance.mark));
  const marked = new Uint8Array(bytes.byteLength + box.byteLength);
  marked.set(bytes);
  marked.set(box, bytes.byteLength);
  return signImage(marked, contentType, provenance.mark, await provenance.signer());
}
