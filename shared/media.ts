import { z } from "zod";
import { ID_PATTERN } from "./ids";
import { BULK_MAX_IDS, MEDIA_PAGE_DEFAULT, MEDIA_PAGE_MAX, SHARE_MAX_SECONDS, SHARE_MIN_SECONDS } from "./media-limits";

export * from "./media-limits";

const mediaKindSchema = z.enum(["upload", "image", "video"]);

/** One gallery item as the API shows it; `url` and `thumbnailUrl` are paths under `/media/`. */
export const mediaViewSchema = z.object({
  id: z.string(),
  kind: mediaKindSchema,
  contentType: z.string(),
  bytes: z.number().int(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  durationMs: z.number().int().optional(),
  url: z.string(),
  thumbnailUrl: z.string().optional(),
  jobId: z.string().optional(),
  prompt: z.string().optional(),
  favorite: z.boolean(),
  createdAt: z.number().int(),
});
export type MediaView = z.infer<typeof mediaViewSchema>;

/** `"true"`/`"false"` (also `1`/`0`) in a query string. */
const queryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** An empty query value (`?kind=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

/**
 * `GET /api/media` query. The cursor is opaque; the server checks its shape. Unknown keys (a
 * cache-buster such as `?_=123`) are dropped, as on the other list routes; known ones are checked.
 */
export const mediaListQuerySchema = z.object({
  cursor: z.preprocess(omitEmpty, z.string().max(200, "That cursor is not valid.").optional()),
  limit: z.preprocess(
    omitEmpty,
    z.coerce.number().int().min(1).max(MEDIA_PAGE_MAX, `Ask for at most ${MEDIA_PAGE_MAX} items.`).default(MEDIA_PAGE_DEFAULT),
  ),
  kind: z.preprocess(omitEmpty, mediaKindSchema.optional()),
  favorite: z.preprocess(omitEmpty, queryBoolean.optional()),
  q: z.preprocess(omitEmpty, z.string().trim().max(200, "Search for at most 200 characters.").optional()),
});
export type MediaListQuery = z.infer<typeof mediaListQuerySchema>;

/** `GET /api/media` answer. */
export interface MediaListResponse {
  items: MediaView[];
  nextCursor: string | null;
}

/** `PATCH /api/media/:id`. */
export const mediaPatchSchema = z
  .strictObject({ favorite: z.boolean().optional() })
  .refine((v) => v.favorite !== undefined, "Change at least one field.");
export type MediaPatch = z.infer<typeof mediaPatchSchema>;

const mediaId = z.string().regex(ID_PATTERN, "Not a media id.");

/** `POST /api/media/bulk-delete` and `POST /api/media/bulk-download`. */
export const bulkIdsSchema = z.strictObject({
  ids: z.array(mediaId).min(1, "Select at least one item.").max(BULK_MAX_IDS, `Select at most ${BULK_MAX_IDS} items.`),
});
export type BulkIds = z.infer<typeof bulkIdsSchema>;

/** `POST /api/media/:id/share`. */
export const shareCreateSchema = z.strictObject({
  expiresInSeconds: z.number().int().min(SHARE_MIN_SECONDS).max(SHARE_MAX_SECONDS).optional(),
  /** Show the prompt on the public share page (default: no). */
  showPrompt: z.boolean().optional(),
});

/**
 * A share link; `url` (the file) and `pageUrl` (the public share page, the one to paste) are the only
 * places the token appears, given once, when the link is made.
 */
export interface ShareView {
  id: string;
  mediaId: string;
  url?: string;
  pageUrl?: string;
  showPrompt: boolean;
  expiresAt: number;
  createdAt: number;
}

/** `GET /api/media/usage`: the bytes the user stores (uploads and outputs) and their quota. */
export interface StorageUsage {
  bytes: number;
  quotaBytes: number;
}
