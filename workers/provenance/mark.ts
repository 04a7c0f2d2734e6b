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
