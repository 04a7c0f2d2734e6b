import { z } from "zod";
import type { MediaView } from "./media";
import { ASPECT_RATIOS, type AspectRatio, type ModelCost, type ModelKind, type ProviderId } from "./models";

/**
 * `POST /api/generations`: the envelope every model shares. Each field is checked again, tighter,
 * against the chosen model's own schema (`optionsSchema` in models.ts) once the model is known.
 */
export const generationRequestSchema = z.strictObject({
  model: z.string("Choose a model.").min(1, "Choose a model.").max(100, "That is not a model."),
  prompt: z.string("Write a prompt."),
  negativePrompt: z.string().optional(),
  aspectRatio: z.enum(ASPECT_RATIOS, `Choose one of ${ASPECT_RATIOS.join(", ")}.`).optional(),
  seed: z.number().optional(),
  count: z.number().optional(),
  durationSeconds: z.number().optional(),
  inputMediaIds: z.array(z.string()).max(16, "Too many reference images.").optional(),
});
export type GenerationRequest = z.infer<typeof generationRequestSchema>;

/** The `Idempotency-Key` header: any printable token up to 200 characters. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200, "Keep the Idempotency-Key to 200 characters.")
  .regex(/^[\x21-\x7e]+$/, "The Idempotency-Key must be printable ASCII without spaces.");

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
}

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

export const JOBS_PAGE_DEFAULT = 20;
// D1 binds at most 100 parameters per statement; a page's media and holds are read with one `IN` list.
export const JOBS_PAGE_MAX = 50;

/** `GET /api/generations?cursor=&status=&limit=`. */
export const jobListQuerySchema = z.object({
  cursor: z.preprocess(omitEmpty, z.string().max(200, "That cursor is not valid.").optional()),
  status: z.preprocess(omitEmpty, z.enum(JOB_STATUSES, `Status is one of ${JOB_STATUSES.join(", ")}.`).optional()),
  limit: z.preprocess(
    omitEmpty,
    z.coerce.number().int().min(1).max(JOBS_PAGE_MAX, `Ask for at most ${JOBS_PAGE_MAX} jobs.`).default(JOBS_PAGE_DEFAULT),
  ),
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

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
