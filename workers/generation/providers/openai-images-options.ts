import { type MappedInput, refuse, unknownModel } from "./http/failures";
import type { ProviderRequest } from "./types";

/** What the catalog needs to know about an OpenAI image model to offer it. */
export interface OpenAiImageModelInfo {
  kind: "image";
  maxCount: number;
  aspectRatios: readonly string[];
  /** Reference images the edits endpoint takes at most (GPT image models: 16). */
  maxReferenceImages: number;
}

/** GPT image models only take three sizes; every aspect ratio maps to the nearest of them. */
const OPENAI_IMAGE_SIZES: Record<string, string> = {
  "1:1": "1024x1024",
  "16:9": "1536x1024",
  "4:3": "1536x1024",
  "3:2": "1536x1024",
  "9:16": "1024x1536",
  "3:4": "1024x1536",
  "2:3": "1024x1536",
};

const GPT_IMAGE: OpenAiImageModelInfo = {
  kind: "image",
  maxCount: 4,
  aspectRatios: Object.keys(OPENAI_IMAGE_SIZES),
  maxReferenceImages: 16,
};

/** The GPT image models this adapter drives. */
export const OPENAI_IMAGE_MODELS: Record<string, OpenAiImageModelInfo> = {
  "gpt-image-1": GPT_IMAGE,
  "gpt-image-1-mini": GPT_IMAGE,
  "gpt-image-1.5": GPT_IMAGE,
};

/** Reference image types the edits endpoint accepts. */
export const OPENAI_REFERENCE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** The request fields that shape an OpenAI images request. */
export type OpenAiImageOptions = Pick<ProviderRequest, "providerModel" | "prompt" | "aspectRatio" | "count"> & {
  referenceImages: number;
};

/**
 * Translates our options into the generations/edits fields (pure). Quality is pinned to
 * "medium" because "auto" lets the model pick, and with it the price we charged credits for.
 */
export function mapOpenAiImageOptions(options: OpenAiImageOptions): MappedInput {
  const model = OPENAI_IMAGE_MODELS[options.providerModel];
  if (!model) return unknownModel();
  const size = OPENAI_IMAGE_SIZES[options.aspectRatio];
  if (!size) return refuse(`aspect ratio must be one of ${model.aspectRatios.join(", ")}`);
  if (options.count < 1 || options.count > model.maxCount) return refuse(`at most ${model.maxCount} per request`);
  if (options.referenceImages > model.maxReferenceImages) return refuse(`at most ${model.maxReferenceImages} reference images`);
  return {
    ok: true,
    input: { model: options.providerModel, prompt: options.prompt, n: options.count, size, quality: "medium", output_format: "png" },
  };
}
