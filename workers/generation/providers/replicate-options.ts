import { type MappedInput, refuse, unknownModel } from "./http/failures";
import type { ProviderRequest } from "./types";

/** What the catalog needs to know about a Replicate model to offer it. */
export interface ReplicateModelInfo {
  kind: "image" | "video";
  family: "flux-schnell" | "kling";
  maxCount: number;
  aspectRatios: readonly string[];
  durations?: readonly number[];
}

/** The official Replicate models this adapter drives (`owner/name`, run without a version). */
export const REPLICATE_MODELS: Record<string, ReplicateModelInfo> = {
  "black-forest-labs/flux-schnell": {
    kind: "image",
    family: "flux-schnell",
    maxCount: 4,
    aspectRatios: ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"],
  },
  "kwaivgi/kling-v2.1-master": {
    kind: "video",
    family: "kling",
    maxCount: 1,
    aspectRatios: ["16:9", "9:16", "1:1"],
    durations: [5, 10],
  },
};

/** The request fields that shape a Replicate prediction input. */
export type ReplicateOptions = Pick<
  ProviderRequest,
  "providerModel" | "prompt" | "negativePrompt" | "aspectRatio" | "count" | "seed" | "durationSeconds"
> & { referenceImages: number };

/** Translates our generation options into the model's `input` object (pure). */
export function mapReplicateOptions(options: ReplicateOptions): MappedInput {
  const model = REPLICATE_MODELS[options.providerModel];
  if (!model) return unknownModel();
  if (options.referenceImages > 0) return refuse("reference images are not supported by this model");
  if (options.count < 1 || options.count > model.maxCount) return refuse(`at most ${model.maxCount} per request`);
  if (!model.aspectRatios.includes(options.aspectRatio)) return refuse(`aspect ratio must be one of ${model.aspectRatios.join(", ")}`);
  if (model.family === "kling") {
    const duration = options.durationSeconds ?? model.durations?.[0];
    if (!model.durations?.includes(duration ?? -1)) return refuse(`duration must be one of ${model.durations?.join(", ")} s`);
    const input: Record<string, unknown> = { prompt: options.prompt, aspect_ratio: options.aspectRatio, duration };
    if (options.negativePrompt) input.negative_prompt = options.negativePrompt;
    return { ok: true, input };
  }
  // flux-schnell: 4 steps is its maximum and default; PNG keeps outputs lossless like our other providers.
  const input: Record<string, unknown> = {
    prompt: options.prompt,
    aspect_ratio: options.aspectRatio,
    num_outputs: options.count,
    output_format: "png",
  };
  if (options.seed !== undefined) input.seed = options.seed;
  return { ok: true, input };
}
