// `others` is photon without its import-time set-up; the `workerd` entry instantiates the 1.5 MB of WASM
// as soon as the Worker loads, which every isolate then pays for before its first request.
import { initPhoton, PhotonImage, resize, SamplingFilter } from "@cf-wasm/photon/others";
import photonWasm from "@cf-wasm/photon/photon.wasm";
import { fitWithin } from "../../shared/media-limits";
import { AppError } from "../lib/errors";
import { type InspectedImage, inspectImage } from "./inspect";
import { orient } from "./orient";

const JPEG_QUALITY = 80;

/** A thumbnail ready to store (small WebP or JPEG, upright) and what was learnt about the original. */
export interface Thumbnail {
  bytes: Uint8Array;
  contentType: "image/webp" | "image/jpeg";
  width: number;
  height: number;
  original: InspectedImage;
}

/** Instantiates photon on the first thumbnail an isolate makes (see bench/README.md, start-up). */
function ensurePhoton(): void {
  if (!initPhoton.ready) initPhoton.sync({ module: photonWasm });
}

function decode(bytes: Uint8Array): PhotonImage {
  ensurePhoton();
  try {
    return PhotonImage.new_from_byteslice(bytes);
  } catch {
    // photon unwraps decoder errors: a Rust panic surfaces here as `RuntimeError: unreachable`.
    throw new AppError("invalid_image", "The image could not be read: it is damaged or incomplete.");
  }
}

function isOpaque(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

/** Transparent thumbnails stay lossless WebP; opaque ones take whichever of JPEG or WebP is smaller. */
function encode(image: PhotonImage, rgba: Uint8Array): Pick<Thumbnail, "bytes" | "contentType"> {
  const webp = image.get_bytes_webp();
  if (!isOpaque(rgba)) return { bytes: webp, contentType: "image/webp" };
  const jpeg = image.get_bytes_jpeg(JPEG_QUALITY);
  return jpeg.length < webp.length ? { bytes: jpeg, contentType: "image/jpeg" } : { bytes: webp, contentType: "image/webp" };
}

/**
 * Checks the image (`inspectImage`: type by the bytes, complete, not a decompression bomb), decodes
 * it fully (a damaged image is refused with 400 `invalid_image`) and returns an upright thumbnail at
 * most THUMBNAIL_EDGE (shared/media-limits) on its longest side. `contentType`, when given, must match the bytes.
 */
export function makeThumbnail(bytes: Uint8Array, contentType?: string): Thumbnail {
  const original = inspectImage(bytes, contentType);
  const images: PhotonImage[] = [];
  try {
    const decoded = decode(bytes);
    images.push(decoded);
    const stored = { width: decoded.get_width(), height: decoded.get_height() };
    const size = fitWithin(stored.width, stored.height);
    const small =
      size.width === stored.width && size.height === stored.height
        ? decoded
        : resize(decoded, size.width, size.height, SamplingFilter.Triangle);
    if (small !== decoded) images.push(small);
    const upright = orient({ data: small.get_raw_pixels(), width: size.width, height: size.height }, original.orientation);
    const final = original.orientation === 1 ? small : new PhotonImage(upright.data, upright.width, upright.height);
    if (final !== small) images.push(final);
    return { ...encode(final, upright.data), width: upright.width, height: upright.height, original };
  } finally {
    // PhotonImages live in WASM memory, which the JS garbage collector does not reclaim by itself.
    for (const image of images) image.free();
  }
}
