import type { GenerationRequest } from "../../shared/generation-requests";
import type { AspectRatio, ModelDef } from "../../shared/models";
import type { ImageEditBody, ImageGenerationBody } from "../../shared/openai-images";
import { invalidParam, OpenAiError } from "./errors";

/** How far (as a ratio of ratios) a requested size may be from the model's nearest shape: about 15 %. */
const SHAPE_TOLERANCE = Math.log(1.15);

/** A size string for each of a model's shapes, at its long side, for error messages (`1024x1024, 1536x1024`). */
function sizesOf(model: ModelDef): string {
  return model.aspectRatios
    .map((ratio) => {
      const [w, h] = ratio.split(":").map(Number) as [number, number];
      const scale = model.longSide / Math.max(w, h);
      return `${Math.round(w * scale)}x${Math.round(h * scale)}`;
    })
    .join(", ");
}

/**
 * OpenAI's `size` (`1536x1024`) as the model's nearest aspect ratio; `auto` or none is the model's
 * first (its default). A size no shape of the model comes near is refused, naming the ones it has.
 */
function aspectRatioFor(model: ModelDef, size: string | undefined): AspectRatio {
  if (!size || size === "auto") return model.aspectRatios[0];
  const [width, height] = size.split("x").map(Number) as [number, number];
  if (width === 0 || height === 0) throw invalidParam("size", "size must not be zero.");
  const wanted = Math.log(width / height);
  const distance = (ratio: AspectRatio) => {
    const [w, h] = ratio.split(":").map(Number) as [number, number];
    return Math.abs(Math.log(w / h) - wanted);
  };
  const nearest = [...model.aspectRatios].sort((a, b) => distance(a) - distance(b))[0]!;
  if (distance(nearest) > SHAPE_TOLERANCE) {
    throw invalidParam("size", `${model.id} does not make ${size} pictures. Sizes it makes: ${sizesOf(model)} (or auto).`);
  }
  return nearest;
}

/** The image model a `/v1/images` call names: unknown is 404 `model_not_found`, a video model a 400. */
export function imageModel(model: ModelDef | undefined, id: string): ModelDef {
  if (!model)
    throw new OpenAiError(
      404,
      `The model \`${id}\` does not exist. GET /v1/models lists the ones you can use.`,
      "invalid_request_error",
      "model_not_found",
      "model",
    );
  if (model.kind !== "image") {
    throw invalidParam("model", `${id} makes videos; /v1/images makes pictures. Start videos with POST /api/generations.`);
  }
  return model;
}

/**
 * An OpenAI request as Ausar's own generation request. Acted on: `prompt`, `n`, `size`. `background:
 * transparent` is refused (no model here makes transparent pictures); `quality`, `user`, `moderation`,
 * `style` and `output_compression` are accepted and have no effect (docs/api.md).
 */
export function toGenerationRequest(
  model: ModelDef,
  body: ImageGenerationBody | ImageEditBody,
  inputMediaIds: string[] = [],
): GenerationRequest {
  if (body.background === "transparent") {
    throw invalidParam("background", `${model.id} does not make transparent pictures. Use background: auto or opaque.`);
  }
  const count = body.n ?? 1;
  if (count > model.maxCount) throw invalidParam("n", `${model.id} makes at most ${model.maxCount} pictures per request.`);
  const request: GenerationRequest = { model: model.id, prompt: body.prompt, count, aspectRatio: aspectRatioFor(model, body.size) };
  if (inputMediaIds.length > 0) request.inputMediaIds = inputMediaIds;
  return request;
}
