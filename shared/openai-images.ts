import { z } from "zod";
import { PROMPT_MAX_CHARS } from "./models";

/**
 * The OpenAI Images API request bodies Ausar accepts on `/v1` (docs/api.md "OpenAI-compatible"),
 * field for field as OpenAI names them. Fields Ausar does not act on are accepted and said so in the
 * docs (`quality`, `user`, `moderation`, `style`); unknown fields are refused, naming them.
 */
const common = {
  model: z.string().min(1).max(100),
  prompt: z.string().trim().min(1, "A prompt is required.").max(PROMPT_MAX_CHARS, `Keep the prompt under ${PROMPT_MAX_CHARS} characters.`),
  n: z.coerce.number().int("n must be a whole number.").min(1, "n must be at least 1.").max(10, "n must be at most 10.").optional(),
  /** `WIDTHxHEIGHT` (mapped onto the model's nearest aspect ratio) or `auto`. */
  size: z
    .string()
    .regex(/^(auto|\d{2,5}x\d{2,5})$/, "size is `auto` or WIDTHxHEIGHT, such as 1024x1024.")
    .optional(),
  quality: z.enum(["auto", "standard", "hd", "low", "medium", "high"]).optional(),
  response_format: z.enum(["url", "b64_json"]).optional(),
  output_format: z.enum(["png", "jpeg", "webp"]).optional(),
  background: z.enum(["auto", "transparent", "opaque"]).optional(),
  user: z.string().max(256).optional(),
};

export const imageGenerationSchema = z.strictObject({
  ...common,
  moderation: z.enum(["auto", "low"]).optional(),
  style: z.enum(["vivid", "natural"]).optional(),
  output_compression: z.number().int().min(0).max(100).optional(),
});
export type ImageGenerationBody = z.infer<typeof imageGenerationSchema>;

/** `/v1/images/edits` form fields besides the image files (`image` or `image[]`) and an ignored `mask`. */
export const imageEditSchema = z.strictObject(common);
export type ImageEditBody = z.infer<typeof imageEditSchema>;

/** One result: a link (an hour, unguessable) or the file's bytes, as OpenAI answers them. */
export interface ImageData {
  url?: string;
  b64_json?: string;
}

/** The answer of `/v1/images/generations` and `/v1/images/edits`. */
export interface ImagesResponse {
  created: number;
  data: ImageData[];
  output_format?: "png" | "jpeg" | "webp";
}

/** OpenAI's error body, which its SDKs read. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
