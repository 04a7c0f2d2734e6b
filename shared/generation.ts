import type { MediaView } from "./media";
import type { AspectRatio, ModelCost, ModelKind, ProviderId } from "./models";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "canceled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES: readonly JobStatus[] = ["succeeded", "failed", "canceled"];

/** What a job was asked for, as stored with it (the seed is always filled in, so it can be reused). */
export interface JobParams {
  aspectRatio: AspectRatio;
  count: number;
  seed?: number;
  durationSeconds?: number;
  negativePrompt?: string;
  inputMediaIds: string[];
}

/** A job as the API and the live channel show it. */
export interface JobView {
  id: string;
  model: string;
  kind: ModelKind;
  status: JobStatus;
  cost: number;
  prompt: string;
  params: JobParams;
  error?: { code: string; message: string };
  media: MediaView[];
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  provider: ProviderId;
  /** The provider's model (and version, where it reports one) that made it. */
  providerModel: string;
  /** Place in the provider's own queue, when it reports one. */
  queuePosition?: number;
  attempts: number;
  /** Credits returned to the balance (failed or canceled jobs, once their hold is released). */
  refunded?: number;
  /** A succeeded job whose every output was deleted from the gallery: its settings remain, its pictures do not. */
  mediaDeleted?: true;
}

export const JOBS_PAGE_DEFAULT = 20;
// D1 binds at most 100 parameters per statement; a page's media and holds are read with one `IN` list.
export const JOBS_PAGE_MAX = 50;

/** A page of jobs, newest first; `nextCursor` is null on the last page. */
export interface JobListResponse {
  items: JobView[];
  nextCursor: string | null;
}

/** One model as `GET /api/models` lists it; `params` is the JSON Schema of its options. */
export interface ModelView {
  id: string;
  kind: ModelKind;
  name: string;
  description: string;
  provider: ProviderId;
  providerName: string;
  providerModel: string;
  cost: ModelCost;
  params: Record<string, unknown>;
  aspectRatios: readonly AspectRatio[];
  maxCount: number;
  durations?: { options: readonly number[]; default: number };
  inputs: { min: number; max: number };
  negativePrompt: boolean;
  seed: boolean;
}

export interface ModelsResponse {
  models: ModelView[];
}
