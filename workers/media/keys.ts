/** R2 key of an upload: always ours, never a name the user supplied. */
export function uploadKey(userId: string, mediaId: string): string {
  return `uploads/${userId}/${mediaId}`;
}

const THUMBNAIL_EXTENSIONS = { "image/webp": "webp", "image/jpeg": "jpg" } as const;
export type ThumbnailType = keyof typeof THUMBNAIL_EXTENSIONS;

/** A thumbnail lives beside its original; the suffix records its type. */
export function thumbnailKeyFor(originalKey: string, contentType: ThumbnailType): string {
  return `${originalKey}.thumb.${THUMBNAIL_EXTENSIONS[contentType]}`;
}

/** The type of a stored thumbnail, read back from its key. */
export function thumbnailTypeOf(thumbnailKey: string): ThumbnailType {
  return thumbnailKey.endsWith(".jpg") ? "image/jpeg" : "image/webp";
}
