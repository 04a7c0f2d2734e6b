import type { JobView, ModelView } from "../../../../shared/generation";
import type { GenerationRequest } from "../../../../shared/generation-requests";
import { type AspectRatio, PROMPT_MAX_CHARS, priceOf, SEED_MAX } from "../../../../shared/models";

/** What the Create form holds; every field is kept when switching models and trimmed to what the model takes. */
export interface FormState {
  modelId: string;
  prompt: string;
  negativePrompt: string;
  aspectRatio: AspectRatio;
  count: number;
  /** As typed: empty means "random". */
  seed: string;
  durationSeconds: number;
  inputMediaIds: string[];
}

export const EMPTY_FORM: FormState = {
  modelId: "",
  prompt: "",
  negativePrompt: "",
  aspectRatio: "1:1",
  count: 1,
  seed: "",
  durationSeconds: 0,
  inputMediaIds: [],
};

/** The state made valid for `model`: unsupported choices fall back to the model's defaults. */
export function fitToModel(state: FormState, model: ModelView): FormState {
  const durations = model.durations;
  return {
    ...state,
    modelId: model.id,
    aspectRatio: model.aspectRatios.includes(state.aspectRatio) ? state.aspectRatio : model.aspectRatios[0]!,
    count: Math.min(Math.max(1, state.count), model.maxCount),
    durationSeconds: durations ? (durations.options.includes(state.durationSeconds) ? state.durationSeconds : durations.default) : 0,
    inputMediaIds: state.inputMediaIds.slice(0, model.inputs.max),
  };
}

/** "Reuse settings": a past job's prompt and options. */
export function fromJob(job: JobView): FormState {
  return {
    modelId: job.model,
    prompt: job.prompt,
    negativePrompt: job.params.negativePrompt ?? "",
    aspectRatio: job.params.aspectRatio,
    count: job.params.count,
    seed: job.params.seed === undefined ? "" : String(job.params.seed),
    durationSeconds: job.params.durationSeconds ?? 0,
    inputMediaIds: job.params.inputMediaIds,
  };
}

/** The seed as a number, null when random, or an error sentence. */
export function parseSeed(seed: string): number | null | { error: string } {
  const text = seed.trim();
  if (text === "") return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > SEED_MAX) return { error: `Use a whole number from 0 to ${SEED_MAX}.` };
  return value;
}

/** The request body for the API, with only the fields the model takes. */
export function toRequest(state: FormState, model: ModelView): GenerationRequest {
  const body: GenerationRequest = { model: model.id, prompt: state.prompt, aspectRatio: state.aspectRatio, count: state.count };
  if (model.negativePrompt && state.negativePrompt.trim()) body.negativePrompt = state.negativePrompt;
  const seed = parseSeed(state.seed);
  if (model.seed && typeof seed === "number") body.seed = seed;
  if (model.durations) body.durationSeconds = state.durationSeconds;
  if (model.inputs.max > 0) body.inputMediaIds = state.inputMediaIds;
  return body;
}

/** The credits this form would cost: the same function the server prices with. */
export const costOf = (state: FormState, model: ModelView) =>
  priceOf(model, { count: state.count, durationSeconds: state.durationSeconds || undefined });

/** Why the form cannot be sent yet (checked before asking the server), or null. */
export function blocker(state: FormState, model: ModelView): string | null {
  if (!state.prompt.trim()) return "Write a prompt first.";
  if (state.prompt.length > PROMPT_MAX_CHARS) return `Keep the prompt to ${PROMPT_MAX_CHARS} characters.`;
  if (state.inputMediaIds.length < model.inputs.min) return `Pick ${model.inputs.min} reference image${model.inputs.min === 1 ? "" : "s"}.`;
  const seed = parseSeed(state.seed);
  if (seed !== null && typeof seed === "object") return seed.error;
  return null;
}
