import type { GalleryFilter } from "./gallery-api";

const KINDS: readonly GalleryFilter["kind"][] = ["image", "video", "upload"];
/** The API's own cap on a search (`mediaListQuerySchema`): a longer `q` in a pasted address is cut, not refused. */
const SEARCH_MAX = 200;

/** The filter an address asks for (`?kind=image&favorite=1&q=boat`); anything unknown reads as its default. */
export function filterFromQuery(query: URLSearchParams): GalleryFilter {
  const kind = query.get("kind");
  const favorite = query.get("favorite");
  return {
    kind: KINDS.find((k) => k === kind) ?? "all",
    favorite: favorite === "1" || favorite === "true",
    q: (query.get("q") ?? "").slice(0, SEARCH_MAX),
  };
}

/** The gallery's address for a filter, with an item open in the viewer when `id` is given (`/gallery/<id>?…`). */
export function galleryHref(filter: GalleryFilter, id?: string): string {
  const query = new URLSearchParams();
  if (filter.kind !== "all") query.set("kind", filter.kind);
  if (filter.favorite) query.set("favorite", "1");
  if (filter.q.trim()) query.set("q", filter.q.trim());
  const search = query.toString();
  return `/gallery${id ? `/${encodeURIComponent(id)}` : ""}${search ? `?${search}` : ""}`;
}
