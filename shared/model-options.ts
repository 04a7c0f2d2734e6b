import { z } from "zod";
import { ID_PATTERN } from "./ids";
import { type ModelDef, NEGATIVE_PROMPT_MAX_CHARS, type ParsedOptions, PROMPT_MAX_CHARS, SEED_MAX } from "./models";

// The per-model zod schemas, apart from the catalog in models.ts so that the web pages showing
// models and prices do not load zod.

const mediaId = z.string().regex(ID_PATTERN, "That is not a media id.");

const negativePromptSchema = () =>
  z.string().trim().max(NEGATIVE_PROMPT_MAX_CHARS, `Keep it to ${NEGATIVE_PROMPT_MAX_CHARS} characters.`).optional();
const seedSchema = () => z.number("Give the seed as a number.").int("Use a whole number.").min(0).max(SEED_MAX).optional();
const durationSchema = (durations: NonNullable<ModelDef["durations"]>) =>
  z.literal([...durations.options], `Choose ${durations.options.join(", ")} seconds.`).default(durations.default);

/**
 * The options a model accepts, as a strict zod schema (fields the model does not take are not in
 * it). Defaults fill the aspect ratio, count, duration and references. Also the JSON Schema the
 * API publishes (`z.toJSONSchema`), so it carries no transforms.
 */
export function optionsSchema(model: ModelDef): z.ZodType<ParsedOptions> {
  const prompt = z
    .string("Write a prompt.")
    .trim()
    .min(1, "Write a prompt.")
    .max(PROMPT_MAX_CHARS, `Keep the prompt to ${PROMPT_MAX_CHARS} characters.`);
  const ratio = z.enum(model.aspectRatios, `This model makes ${model.aspectRatios.join(", ")} only.`).default(model.aspectRatios[0]);
  const count = z
    .number("Give the number of images as a number.")
    .int("Give a whole number of images.")
    .min(1, "Make at least 1 image.")
    .max(model.maxCount, `This model makes at most ${model.maxCount} per job.`)
    .default(1);
  const references = z
    .array(mediaId, `Pick ${model.inputs.min} reference image${model.inputs.min === 1 ? "" : "s"}.`)
    .min(model.inputs.min, `Pick ${model.inputs.min} reference image${model.inputs.min === 1 ? "" : "s"}.`)
    .max(model.inputs.max, `This model takes at most ${model.inputs.max} reference image${model.inputs.max === 1 ? "" : "s"}.`)
    .refine((ids) => new Set(ids).size === ids.length, "Each reference image once, please.");
  // A default skips the checks, so models that need references get none.
  const inputs: z.ZodType<string[], string[] | undefined> = model.inputs.min > 0 ? references : references.default([]);
  const shape: {
    prompt: typeof prompt;
    aspectRatio: typeof ratio;
    count: typeof count;
    negativePrompt?: ReturnType<typeof negativePromptSchema>;
    seed?: ReturnType<typeof seedSchema>;
    durationSeconds?: ReturnType<typeof durationSchema>;
    inputMediaIds?: typeof inputs;
  } = { prompt, aspectRatio: ratio, count };
  if (model.negativePrompt) shape.negativePrompt = negativePromptSchema();
  if (model.seed) shape.seed = seedSchema();
  if (model.durations) shape.durationSeconds = durationSchema(model.durations);
  if (model.inputs.max > 0) shape.inputMediaIds = inputs;
  // zod infers fields added conditionally as `unknown`; the shape's annotation above is their real type.
  return z.strictObject(shape) as unknown as z.ZodType<ParsedOptions>;
}

/** The option fields a model does not take, each with the sentence that says so. */
export function unsupportedFields(model: ModelDef): Record<string, string> {
  const out: Record<string, string> = {};
  if (!model.negativePrompt) out.negativePrompt = "This model does not take a negative prompt.";
  if (!model.seed) out.seed = "This model does not take a seed.";
  if (!model.durations) out.durationSeconds = "Only video models take a duration.";
  if (model.inputs.max === 0) out.inputMediaIds = "This model does not take reference images.";
  return out;
}
