/** Media limits and constants shared by the Worker and the web app (no zod here, so the web bundle stays small). */

/** Uploads are refused past this many bytes (answered from Content-Length, or counted while streaming). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Images whose header declares more pixels than this are refused (decompression bombs). 2^24
 * pixels decode to 64 MiB of RGBA, which with the 20 MB upload still fits a Worker's 128 MB.
 */
export const MAX_IMAGE_PIXELS = 1 << 24;

/** The image types an upload may be, decided by the bytes. */
export const UPLOAD_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** One wording per upload refusal, said alike by the page's check before sending and by the server. */
export const UPLOAD_REFUSALS = {
  type: "Only PNG, JPEG and WebP images can be uploaded.",
  empty: "This file is empty.",
  tooLarge: (maxBytes: number) => `Uploads are limited to ${Math.floor(maxBytes / (1024 * 1024))} MB each.`,
} as const;

export const MEDIA_PAGE_DEFAULT = 60;
export const MEDIA_PAGE_MAX = 100;

/** Bulk actions take at most this many ids at once. */
export const BULK_MAX_IDS = 100;

export const SHARE_DEFAULT_SECONDS = 7 * 24 * 60 * 60;
export const SHARE_MIN_SECONDS = 60;
export const SHARE_MAX_SECONDS = 30 * 24 * 60 * 60;

/** Longest edge of a thumbnail: a grid cell is at most ~275 CSS px, so 512 covers most cells on 2× screens. */
const THUMBNAIL_EDGE = 512;

/** Scales (w, h) to fit inside edge×edge, never up, never to zero: a thumbnail's size from its original's. */
export function fitWithin(width: number, height: number, edge = THUMBNAIL_EDGE): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
