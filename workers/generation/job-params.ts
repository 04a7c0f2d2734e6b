import { z } from "zod";
import type { JobParams } from "../../shared/generation";
import { ASPECT_RATIOS, SEED_MAX } from "../../shared/models";

/**
 * The shape of `jobs.params`. The column is typed JSON (drizzle parses it on every read), and
 * submit — its one writer — passes the value through this schema first, so every reader gets a
 * `JobParams` without a cast of its own.
 */
const jobParamsSchema = z.strictObject({
  aspectRatio: z.enum(ASPECT_RATIOS),
  count: z.number().int().min(1),
  seed: z.number().int().min(0).max(SEED_MAX).optional(),
  durationSeconds: z.number().positive().optional(),
  negativePrompt: z.string().optional(),
  inputMediaIds: z.array(z.string()),
}) satisfies z.ZodType<JobParams>;

/** Checks a job's params before they are stored; a mismatch is a programming error, not bad input. */
export function validJobParams(params: JobParams): JobParams {
  return jobParamsSchema.parse(params);
}
