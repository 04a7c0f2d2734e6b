import { z } from "zod";
import { base64Image } from "./http/base64-image";
import { call, type Fetcher, globalFetcher, isRecord, type Reply, retryAfterSeconds } from "./http/call";
import { failed, failure } from "./http/failures";
import { multipartBody, newBoundary, type Part } from "./http/multipart";
import { mapOpenAiImageOptions, OPENAI_REFERENCE_TYPES } from "./openai-images-options";
import { SynchronousProvider } from "./synchronous";
import type { ProviderFailure, ProviderOutput, ProviderRequest, ProviderResult } from "./types";

/** OpenAI's HTTP API. */
const OPENAI_API_URL = "https://api.openai.com/v1";

// GPT image generation is synchronous and can take a couple of minutes at high quality; four
// 1536×1024 PNGs arrive as roughly 20 MB of base64 inside the JSON answer.
const LIMITS = { timeoutMs: 240_000, maxBytes: 64 * 1024 * 1024 };

export interface OpenAiImagesDependencies {
  /** OPENAI_API_KEY. */
  apiKey: string;
  fetch?: Fetcher;
  now?: () => number;
  apiUrl?: string;
}

/**
 * OpenAI's Images API for GPT image models: one synchronous call (generations, or edits with
 * reference images), answered with base64 PNGs that are decoded chunk by chunk into streams.
 */
export class OpenAiImagesProvider extends SynchronousProvider {
  readonly id = "openai-images";
  private readonly fetcher: Fetcher;
  private readonly now: () => number;
  private readonly apiUrl: string;

  constructor(private readonly deps: OpenAiImagesDependencies) {
    super();
    this.fetcher = deps.fetch ?? globalFetcher;
    this.now = deps.now ?? Date.now;
    this.apiUrl = deps.apiUrl ?? OPENAI_API_URL;
  }

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    const mapped = mapOpenAiImageOptions({ ...request, referenceImages: request.inputs.length });
    if (!mapped.ok) return { state: "failed", error: mapped.failure };
    if (request.inputs.some((input) => !OPENAI_REFERENCE_TYPES.includes(input.contentType))) {
      return failed("invalid_input", { detail: "reference images must be PNG, JPEG or WebP" });
    }
    const headers = new Headers({ authorization: `Bearer ${this.deps.apiKey}`, "idempotency-key": request.attemptKey });
    let http: Request;
    if (request.inputs.length === 0) {
      headers.set("content-type", "application/json");
      http = new Request(`${this.apiUrl}/images/generations`, { method: "POST", headers, body: JSON.stringify(mapped.input) });
    } else {
      const boundary = newBoundary();
      headers.set("content-type", `multipart/form-data; boundary=${boundary}`);
      const fields: Part[] = Object.entries(mapped.input).map(([name, value]) => ({ name, value: String(value) }));
      const files: Part[] = request.inputs.map((input, i) => ({
        name: "image[]",
        filename: `reference-${i + 1}.${input.contentType.split("/")[1]}`,
        contentType: input.contentType,
        open: () => input.open(),
      }));
      const body = multipartBody(boundary, [...fields, ...files]);
      http = new Request(`${this.apiUrl}/images/edits`, { method: "POST", headers, body });
    }
    const outcome = await call(this.fetcher, http, LIMITS);
    if (!outcome.ok) return { state: "failed", error: outcome.failure };
    return this.result(outcome.reply);
  }

  private result(reply: Reply): ProviderResult {
    // A 200 can still carry an error object; it is treated like the error it names.
    if (reply.status >= 300 || (isRecord(reply.json) && isRecord(reply.json.error))) {
      return { state: "failed", error: openAiFailure(reply, this.now()) };
    }
    const parsed = imagesSchema.safeParse(reply.json);
    if (!parsed.success) return failed("bad_response");
    const outputs: ProviderOutput[] = [];
    for (const item of parsed.data.data) {
      const output = base64Image(item.b64_json);
      if (!output) return failed("bad_response");
      outputs.push(output);
    }
    return { state: "succeeded", outputs };
  }
}

const imagesSchema = z.object({ data: z.array(z.object({ b64_json: z.string() })).min(1) });

const errorSchema = z.object({
  error: z.object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.string().nullish(),
  }),
});

const REFUSAL_CODES = new Set(["moderation_blocked", "content_policy_violation"]);

/**
 * OpenAI's `{"error":{message,type,param,code}}`: safety refusals and bad parameters are
 * permanent; an exhausted quota (`insufficient_quota`) or a bad key is the operator's problem,
 * shown as unavailable and not retried; rate limits, 408/409 and 5xx are transient.
 * `x-should-retry`, OpenAI's own verdict, wins when present.
 */
function openAiFailure(reply: Reply, nowMs: number): ProviderFailure {
  const error = errorSchema.safeParse(reply.json).data?.error;
  const code = error?.code ?? error?.type ?? "";
  const hint = reply.headers.get("x-should-retry");
  const retryable = hint === "true" ? true : hint === "false" ? false : undefined;
  if (REFUSAL_CODES.has(code)) return failure("refused");
  if (code === "insufficient_quota") return failure("provider_unavailable");
  const status = reply.status;
  if (status === 401 || status === 403 || status === 404) return failure("provider_unavailable", { retryable });
  if (status === 429) return failure("rate_limited", { retryable, retryAfterSeconds: retryAfterSeconds(reply.headers, nowMs) });
  if (status === 408 || status === 409 || status >= 500) return failure("provider_error", { retryable });
  // Any other 4xx (400 bad parameter, 413 image too large, …) is about what we sent.
  if (status >= 400) return failure("invalid_input", { retryable, detail: error?.message ?? undefined });
  return failure("generation_failed", { retryable });
}
