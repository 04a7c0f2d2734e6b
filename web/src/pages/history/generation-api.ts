import type { JobListResponse, JobStatus, JobView, ModelsResponse } from "../../../../shared/generation";
import type { GenerationRequest } from "../../../../shared/generation-requests";
import type { MediaListResponse, MediaView } from "../../../../shared/media";
import { api } from "../../lib/api";

/** The generation endpoints the Create and History pages use. */
export const generationApi = {
  models: () => api.get<ModelsResponse>("/api/models").then((r) => r.models),
  create: (body: GenerationRequest, idempotencyKey: string) =>
    api.post<{ job: JobView }>("/api/generations", body, { headers: { "Idempotency-Key": idempotencyKey } }).then((r) => r.job),
  job: (id: string) => api.get<{ job: JobView }>(`/api/generations/${encodeURIComponent(id)}`).then((r) => r.job),
  list: (options: { cursor?: string | null; status?: JobStatus | null; limit?: number } = {}) => {
    const query = new URLSearchParams({ limit: String(options.limit ?? 20) });
    if (options.cursor) query.set("cursor", options.cursor);
    if (options.status) query.set("status", options.status);
    return api.get<JobListResponse>(`/api/generations?${query}`);
  },
  cancel: (id: string) => api.post<{ job: JobView }>(`/api/generations/${encodeURIComponent(id)}/cancel`).then((r) => r.job),
  /** Pictures that can serve as references: the user's uploads, newest first. */
  uploads: () => api.get<MediaListResponse>("/api/media?kind=upload&limit=60").then((r) => r.items),
  media: (id: string) => api.get<{ media: MediaView }>(`/api/media/${encodeURIComponent(id)}`).then((r) => r.media),
};
