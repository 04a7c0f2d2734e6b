import type { JobView } from "../../../../shared/generation";
import type { BulkDeleteResponse, MediaListResponse, MediaView, ShareView } from "../../../../shared/media";
import { api } from "../../lib/api";

/** What the gallery shows: a kind (or all), favorites only, and a prompt search. */
export interface GalleryFilter {
  kind: "all" | MediaView["kind"];
  favorite: boolean;
  q: string;
}

export const PAGE_SIZE = 60;

/** The `GET /api/media` query for a filter and an optional cursor. */
function listQuery(filter: GalleryFilter, cursor?: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.kind !== "all") params.set("kind", filter.kind);
  if (filter.favorite) params.set("favorite", "true");
  if (filter.q.trim()) params.set("q", filter.q.trim());
  if (cursor) params.set("cursor", cursor);
  return `/api/media?${params}`;
}

export const galleryApi = {
  list: (filter: GalleryFilter, cursor?: string | null, signal?: AbortSignal) => api.get<MediaListResponse>(listQuery(filter, cursor), { signal }),
  setFavorite: (id: string, favorite: boolean) => api.patch<{ media: MediaView }>(`/api/media/${id}`, { favorite }).then((r) => r.media),
  remove: (id: string) => api.delete<void>(`/api/media/${id}`),
  removeMany: (ids: string[]) => api.post<BulkDeleteResponse>("/api/media/bulk-delete", { ids }),
  job: (jobId: string) => api.get<{ job: JobView }>(`/api/generations/${jobId}`).then((r) => r.job),
  share: (id: string) => api.post<{ share: ShareView }>(`/api/media/${id}/share`, {}).then((r) => r.share),
  shares: (id: string) => api.get<{ shares: ShareView[] }>(`/api/media/${id}/shares`).then((r) => r.shares),
  revokeShare: (id: string, shareId: string) => api.delete<void>(`/api/media/${id}/share/${shareId}`),
};

/**
 * Downloads several items as one ZIP through a form post into a hidden frame, so the browser streams
 * the archive straight to disk. A cheap authenticated call first renews an expired session, since a
 * form post cannot retry after a 401 the way the API client does.
 */
export async function downloadZip(ids: string[]): Promise<void> {
  await api.get<MediaListResponse>("/api/media?limit=1");
  const frameName = "gallery-download-frame";
  let frame = document.querySelector<HTMLIFrameElement>(`iframe[name="${frameName}"]`);
  if (!frame) {
    frame = document.createElement("iframe");
    frame.name = frameName;
    frame.hidden = true;
    frame.title = "Download";
    document.body.append(frame);
  }
  const form = document.createElement("form");
  form.method = "POST";
  form.action = "/api/media/bulk-download";
  form.target = frameName;
  form.hidden = true;
  for (const id of ids) {
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "ids";
    field.value = id;
    form.append(field);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}
