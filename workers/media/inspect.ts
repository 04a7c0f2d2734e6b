import { MAX_IMAGE_PIXELS, UPLOAD_REFUSALS, type UploadContentType } from "../../shared/media";
import { AppError } from "../lib/errors";
import { jpegOrientation, swapsAxes } from "./exif-orientation";
import { sniffImage } from "./sniff";

/** A checked image: its type by the bytes, its upright (displayed) size and its EXIF orientation. */
export interface InspectedImage {
  contentType: UploadContentType;
  width: number;
  height: number;
  orientation: number;
}

/**
 * Checks, from the header alone and before anything is decoded, that `bytes` are a whole PNG,
 * JPEG or WebP of a sane size: 415 for anything else (or when `claimedType` names another type),
 * 400 `invalid_image` for truncated or zero-sized images, 413 `image_too_large` for decompression bombs.
 */
export function inspectImage(bytes: Uint8Array, claimedType?: string): InspectedImage {
  const sniffed = sniffImage(bytes);
  if (!sniffed || (claimedType !== undefined && claimedType !== sniffed.contentType)) {
    throw new AppError("unsupported_media_type", UPLOAD_REFUSALS.type);
  }
  if (!sniffed.complete || sniffed.width === 0 || sniffed.height === 0) {
    throw new AppError("invalid_image", "The image could not be read: it is damaged or incomplete.");
  }
  if (sniffed.width * sniffed.height > MAX_IMAGE_PIXELS) {
    throw new AppError("image_too_large", `Images may have at most ${MAX_IMAGE_PIXELS.toLocaleString("en")} pixels.`);
  }
  const orientation = sniffed.contentType === "image/jpeg" ? jpegOrientation(bytes) : 1;
  const turned = swapsAxes(orientation);
  return {
    contentType: sniffed.contentType,
    width: turned ? sniffed.height : sniffed.width,
    height: turned ? sniffed.width : sniffed.height,
    orientation,
  };
}
