import { base64Image } from "./http/base64-image";
import { failure, type MappedInput, refuse, unknownModel } from "./http/failures";
import { SynchronousProvider } from "./synchronous";
import type { ProviderFailure, ProviderOutput, ProviderRequest, ProviderResult } from "./types";

/** The shape of `env.AI.run`, injected so that tests and offline dev never touch the real binding. */
export type AiRun = (model: string, inputs: Record<string, unknown>) => Promise<unknown>;

/** `run` over the real binding, for the registry to pass in when `env.AI` exists. */
export function bindingRun(ai: Ai): AiRun {
  return (model, inputs) => ai.run(model, inputs);
}

/** What the catalog needs to know about a Workers AI model to offer it. */
export interface WorkersAiModelInfo {
  kind: "image";
  maxCount: number;
  aspectRatios: readonly string[];
  /** The model's own prompt limit (flux-1-schnell: 1–2048 characters). */
  maxPromptChars: number;
  /** Diffusion steps sent (flux-1-schnell: at most 8, default 4). */
  steps: number;
  /** Whether a seed can be passed (flux-1-schnell's schema has none and forbids unknown keys). */
  seed: boolean;
}

/** The Workers AI models this adapter drives. */
export const WORKERS_AI_MODELS: Record<string, WorkersAiModelInfo> = {
  "@cf/black-forest-labs/flux-1-schnell": {
    kind: "image",
    maxCount: 4,
    aspectRatios: ["1:1"],
    maxPromptChars: 2048,
    steps: 4,
    seed: false,
  },
};

/** The request fields that shape a Workers AI input. */
export type WorkersAiOptions = Pick<ProviderRequest, "providerModel" | "prompt" | "aspectRatio" | "count"> & {
  referenceImages: number;
};

/**
 * Translates our options into the model's input (pure). The schema allows no other keys, so
 * nothing else is sent: a seed, if given, is not passed on.
 */
export function mapWorkersAiOptions(options: WorkersAiOptions): MappedInput {
  const model = WORKERS_AI_MODELS[options.providerModel];
  if (!model) return unknownModel();
  if (options.prompt.length < 1 || options.prompt.length > model.maxPromptChars)
    return refuse(`the prompt must be 1–${model.maxPromptChars} characters`);
  if (!model.aspectRatios.includes(options.aspectRatio)) return refuse(`aspect ratio must be one of ${model.aspectRatios.join(", ")}`);
  if (options.count < 1 || options.count > model.maxCount) return refuse(`at most ${model.maxCount} per request`);
  if (options.referenceImages > 0) return refuse("reference images are not supported by this model");
  return { ok: true, input: { prompt: options.prompt, steps: model.steps } };
}

/**
 * Cloudflare Workers AI through the `AI` binding: synchronous, one call per image (the model makes
 * one), answered with a base64 JPEG that is decoded chunk by chunk into a stream.
 */
export class WorkersAiProvider extends SynchronousProvider {
  readonly id = "workers-ai";

  constructor(private readonly deps: { run: AiRun }) {
    super();
  }

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    const mapped = mapWorkersAiOptions({ ...request, referenceImages: request.inputs.length });
    if (!mapped.ok) return { state: "failed", error: mapped.failure };
    const attempts = Array.from({ length: request.count }, () => this.runOnce(request.providerModel, mapped.input));
    const results = await Promise.all(attempts);
    const failure = results.find((result): result is ProviderFailure => !("body" in result));
    if (failure) {
      await Promise.all(results.map((result) => ("body" in result ? result.body.cancel() : undefined)));
      return { state: "failed", error: failure };
    }
    return { state: "succeeded", outputs: results as ProviderOutput[] };
  }

  private async runOnce(model: string, input: Record<string, unknown>): Promise<ProviderOutput | ProviderFailure> {
    let answer: unknown;
    try {
      answer = await this.deps.run(model, input);
    } catch (error) {
      return workersAiFailure(error);
    }
    const image = typeof answer === "object" && answer !== null ? (answer as { image?: unknown }).image : undefined;
    return base64Image(image) ?? failure("bad_response");
  }
}

/**
 * The binding throws errors of undocumented shape (unverified: messages seen look like
 * "AiError: 5006: …"). Only a message that clearly names bad input, a safety refusal or an
 * exhausted allocation is permanent; anything else is assumed transient.
 */
export function workersAiFailure(error: unknown): ProviderFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/\bnsfw\b|unsafe content|content polic/i.test(message)) return failure("refused");
  if (/free allocation|\bneurons\b|\b4006\b/i.test(message)) return failure("provider_unavailable");
  if (/\b(invalid|incomplete) input\b|required propert|additional propert|\b(3010|5006)\b/i.test(message)) {
    return failure("invalid_input");
  }
  return failure("provider_error");
}
