import { type MappedInput, refuse, unknownModel } from "./http/failures";
import type { ProviderRequest } from "./types";

/** What the catalog needs to know about a fal model to offer it. */
export interface FalModelInfo {
  kind: "image" | "video";
  /** Which input schema the model takes. */
  family: "flux" | "flux-image-to-image" | "kling";
  maxCount: number;
  aspectRatios: readonly string[];
  /** Exactly this many reference images (passed by URL). */
  referenceImages: number;
  durations?: readonly number[];
  /** fal's `num_inference_steps` default for the model (flux/schnell: 4 of 1–12; flux/dev: 28). */
  steps?: number;
}

/** fal's named `image_size` presets for flux (square_hd 1024², landscape_16_9 1024×576, …). */
const FAL_IMAGE_SIZES: Record<string, string> = {
  "1:1": "square_hd",
  "16:9": "landscape_16_9",
  "9:16": "portrait_16_9",
  "4:3": "landscape_4_3",
  "3:4": "portrait_4_3",
};

const FLUX_RATIOS = Object.keys(FAL_IMAGE_SIZES);

/** The fal models this adapter knows how to drive, by fal endpoint id. */
export const FAL_MODELS: Record<string, FalModelInfo> = {
  "fal-ai/flux/schnell": { kind: "image", family: "flux", maxCount: 4, aspectRatios: FLUX_RATIOS, referenceImages: 0, steps: 4 },
  "fal-ai/flux/dev": { kind: "image", family: "flux", maxCount: 4, aspectRatios: FLUX_RATIOS, referenceImages: 0, steps: 28 },
  "fal-ai/flux/dev/image-to-image": {
    kind: "image",
    family: "flux-image-to-image",
    maxCount: 4,
    aspectRatios: FLUX_RATIOS,
    referenceImages: 1,
    steps: 40,
  },
  "fal-ai/kling-video/v2.1/master/text-to-video": {
    kind: "video",
    family: "kling",
    maxCount: 1,
    aspectRatios: ["16:9", "9:16", "1:1"],
    referenceImages: 0,
    durations: [5, 10],
  },
};

/** The request fields that shape a fal input, plus reference images as URLs fal can fetch. */
export type FalOptions = Pick<
  ProviderRequest,
  "providerModel" | "prompt" | "negativePrompt" | "aspectRatio" | "width" | "height" | "count" | "seed" | "durationSeconds"
> & { imageUrls: string[] };

/** Translates our generation options into the model's fal input body (pure). */
export function mapFalOptions(options: FalOptions): MappedInput {
  const model = FAL_MODELS[options.providerModel];
  if (!model) return unknownModel();
  if (options.count < 1 || options.count > model.maxCount) return refuse(`at most ${model.maxCount} per request`);
  if (options.imageUrls.length !== model.referenceImages) return refuse(`${model.referenceImages} reference image(s) needed`);
  if (model.family === "kling") return mapKling(options, model);
  const input: Record<string, unknown> = {
    prompt: options.prompt,
    num_images: options.count,
    num_inference_steps: model.steps,
    enable_safety_checker: true,
  };
  if (options.seed !== undefined) input.seed = options.seed;
  if (model.family === "flux-image-to-image") {
    input.image_url = options.imageUrls[0]; // the output keeps the reference image's shape
  } else {
    // FLUX works in 16-pixel blocks; a custom size is rounded to them rather than left to fal.
    const block = (pixels: number) => Math.max(16, Math.round(pixels / 16) * 16);
    input.image_size = FAL_IMAGE_SIZES[options.aspectRatio] ?? { width: block(options.width), height: block(options.height) };
    input.output_format = "png";
  }
  return { ok: true, input };
}

function mapKling(options: FalOptions, model: FalModelInfo): MappedInput {
  const duration = options.durationSeconds ?? model.durations?.[0];
  if (!model.durations?.includes(duration ?? -1)) return refuse(`duration must be one of ${model.durations?.join(", ")} s`);
  if (!model.aspectRatios.includes(options.aspectRatio)) return refuse(`aspect ratio must be one of ${model.aspectRatios.join(", ")}`);
  const input: Record<string, unknown> = { prompt: options.prompt, duration: String(duration), aspect_ratio: options.aspectRatio };
  if (options.negativePrompt) input.negative_prompt = options.negativePrompt;
  return { ok: true, input };
}
