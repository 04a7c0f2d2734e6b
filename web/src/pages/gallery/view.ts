import type { MediaView } from "../../../../shared/media";

/** Appends a page, skipping items already shown (an item may arrive by upload and by the list). */
export function appendUnique(current: MediaView[], page: MediaView[]): MediaView[] {
  const seen = new Set(current.map((m) => m.id));
  return [...current, ...page.filter((m) => !seen.has(m.id))];
}

/** The list's order, as the API pages it: newest first, then by id (D1 compares the ASCII ids byte by byte, as `<` does). */
function newerFirst(a: MediaView, b: MediaView): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Items that arrived live (a finished job): each one shown is refreshed in place (its thumbnail came), new ones go in list order. */
export function mergeArrived(current: MediaView[], arrived: MediaView[]): MediaView[] {
  const fresh = new Map(arrived.map((m) => [m.id, m]));
  const kept = current.map((m) => fresh.get(m.id) ?? m);
  const added = arrived.filter((m) => !current.some((c) => c.id === m.id));
  return added.length === 0 ? kept : [...added, ...kept].sort(newerFirst);
}

/** "0:07", "1:05:09". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Alt text and labels: the prompt when there is one (images carry their prompt as alt text). */
export function describe(media: MediaView): string {
  if (media.prompt) return media.prompt;
  return media.kind === "upload" ? "Uploaded image" : media.kind === "video" ? "Generated video" : "Generated image";
}

export const KIND_LABELS: Record<MediaView["kind"], string> = { upload: "Upload", image: "Image", video: "Video" };
