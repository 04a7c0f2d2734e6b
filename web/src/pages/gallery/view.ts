import type { MediaView } from "../../../../shared/media";

/** Appends a page, skipping items already shown (an item may arrive by upload and by the list). */
export function appendUnique(current: MediaView[], page: MediaView[]): MediaView[] {
  const seen = new Set(current.map((m) => m.id));
  return [...current, ...page.filter((m) => !seen.has(m.id))];
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
