import { z } from "zod";
import { JOB_STATUSES, JOBS_PAGE_DEFAULT, JOBS_PAGE_MAX } from "./generation";
import { ASPECT_RATIOS } from "./models";

// The zod schemas of the generation API, apart from generation.ts so that the web pages using
// its types and constants do not load zod.

/**
 * `POST /api/generations`: the envelope every model shares. Each field is checked again, tighter,
 * against the chosen model's own schema (`optionsSchema` in model-options.ts) once the model is known.
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

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

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
