import type { MediaView } from "../../shared/media";
import type { media } from "../db/schema";

/** A `media` row as drizzle reads it. */
export type MediaRow = typeof media.$inferSelect;

/** The columns a view needs (listing reads only these: no user id, R2 key or position). */
export type MediaViewColumns = Pick<
  MediaRow,
  | "id"
  | "kind"
  | "contentType"
  | "bytes"
  | "width"
  | "height"
  | "durationMs"
  | "thumbnailKey"
  | "jobId"
  | "prompt"
  | "favorite"
  | "createdAt"
>;

/** Path of an item's bytes; the Worker serves `/media/*` before the static assets. */
function mediaUrl(id: string): string {
  return `/media/${id}`;
}

/** The API's view of a media row (null columns are left out, paths under `/media/`). */
export function toMediaView(row: MediaViewColumns): MediaView {
  const view: MediaView = {
    id: row.id,
    kind: row.kind,
    contentType: row.contentType,
    bytes: row.bytes,
    url: mediaUrl(row.id),
    favorite: row.favorite,
    createdAt: row.createdAt,
  };
  if (row.width !== null) view.width = row.width;
  if (row.height !== null) view.height = row.height;
  if (row.durationMs !== null) view.durationMs = row.durationMs;
  if (row.thumbnailKey !== null) view.thumbnailUrl = `${mediaUrl(row.id)}/thumbnail`;
  if (row.jobId !== null) view.jobId = row.jobId;
  if (row.prompt !== null) view.prompt = row.prompt;
  return view;
}
