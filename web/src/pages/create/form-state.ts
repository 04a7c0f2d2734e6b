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
  /**
   * Random: every run draws a new seed (the API picks one); pinned: `seed` is sent, so the same prompt
   * and seed give the same picture. Reusing a job's settings keeps it random unless the person pins it.
   */
  seedMode: "random" | "pinned";
  /** As typed; sent only when pinned. After "reuse settings" it holds that job's seed, ready to pin. */
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
  seedMode: "random",
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

/**
 * "Reuse settings": a past job's prompt and options. The seed stays random (its seed is kept in the
 * field, so pinning it repeats the picture): reusing must not buy a byte-identical image by accident.
 */
export function fromJob(job: JobView): FormState {
  return {
    modelId: job.model,
    prompt: job.prompt,
    negativePrompt: job.params.negativePrompt ?? "",
    aspectRatio: job.params.aspectRatio,
    count: job.params.count,
    seedMode: "random",
    seed: job.params.seed === undefined ? "" : String(job.params.seed),
    durationSeconds: job.params.durationSeconds ?? 0,
    inputMediaIds: job.params.inputMediaIds,
  };
}

/** The pinned seed as a number, null when random, or an error sentence. */
export function parseSeed(state: Pick<FormState, "seed" | "seedMode">): number | null | { error: string } {
  if (state.seedMode === "random") return null;
  const text = state.seed.trim();
  if (text === "") return { error: "Type the seed to pin, or choose Random." };
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > SEED_MAX) return { error: `Use a whole number from 0 to ${SEED_MAX}.` };
  return value;
}

/** The request body for the API, with only the fields the model takes. */
export function toRequest(state: FormState, model: ModelView): GenerationRequest {
  const body: GenerationRequest = { model: model.id, prompt: state.prompt, aspectRatio: state.aspectRatio, count: state.count };
  if (model.negativePrompt && state.negativePrompt.trim()) body.negativePrompt = state.negativePrompt;
  const seed = parseSeed(state);
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
  const seed = model.seed ? parseSeed(state) : null;
  if (seed !== null && typeof seed === "object") return seed.error;
  return null;
}
