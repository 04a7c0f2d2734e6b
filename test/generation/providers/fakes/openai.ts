import { fakeImage, toBase64 } from "./images";
import { type FakeCall, type FakeRoute, fakeFetch, json } from "./router";

/** The OpenAI image endpoints a fake can be told to answer differently, once. */
export type OpenAiEndpoint = "generations" | "edits";

/** One request the fake answered: its fields and, for edits, the reference images it received. */
export interface FakeOpenAiRequest {
  endpoint: OpenAiEndpoint;
  fields: Record<string, unknown>;
  images: Array<{ name: string; type: string; bytes: Uint8Array }>;
}

export interface FakeOpenAiState {
  apiKey: string;
  requests: FakeOpenAiRequest[];
  calls: FakeCall[];
  /** Prompts containing this word are refused by the fake safety system. */
  forbiddenWord: string;
  overrides: Partial<Record<OpenAiEndpoint, Array<() => Response>>>;
}

const API = "https://api.openai.com/v1";
const MODELS = ["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2", "dall-e-2", "dall-e-3"];
const SIZES = ["1024x1024", "1536x1024", "1024x1536", "auto"];

const apiError = (status: number, message: string, type: string, code: string | null, param: string | null = null, headers = {}) =>
  json({ error: { message, type, param, code } }, status, { "x-request-id": `req_${crypto.randomUUID()}`, ...headers });

/**
 * A local OpenAI Images API: JSON generations and multipart edits with `image[]` parts, the
 * documented parameter checks, a safety refusal (`moderation_blocked`), and answers carrying real
 * base64 PNGs of the requested size. Error helpers produce its rate-limit and quota answers.
 */
export function fakeOpenAi(options: { apiKey?: string } = {}) {
  const state: FakeOpenAiState = {
    apiKey: options.apiKey ?? "sk-test-key",
    requests: [],
    calls: [],
    forbiddenWord: "forbidden",
    overrides: {},
  };

  const answer = async (endpoint: OpenAiEndpoint, request: Request): Promise<Response> => {
    if (request.headers.get("authorization") !== `Bearer ${state.apiKey}`) {
      return apiError(
        401,
        "Incorrect API key provided: sk-***. You can find your API key at the dashboard.",
        "invalid_request_error",
        "invalid_api_key",
      );
    }
    const early = state.overrides[endpoint]?.shift()?.();
    if (early) return early;
    const recorded: FakeOpenAiRequest = { endpoint, fields: {}, images: [] };
    if (endpoint === "generations") {
      recorded.fields = ((await request.json().catch(() => null)) ?? {}) as Record<string, unknown>;
    } else {
      const form = await request.formData();
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") recorded.fields[name] = value;
        else recorded.images.push({ name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
      if (recorded.images.length === 0)
        return apiError(400, "Missing required parameter: 'image'.", "invalid_request_error", "missing_required_parameter", "image");
    }
    state.requests.push(recorded);
    const f = recorded.fields;
    const n = Number(f.n ?? 1);
    if (!MODELS.includes(String(f.model)))
      return apiError(400, `Invalid value: '${f.model}'. Value must be a known model.`, "invalid_request_error", "invalid_value", "model");
    if (typeof f.prompt !== "string" || f.prompt.length === 0)
      return apiError(400, "Missing required parameter: 'prompt'.", "invalid_request_error", "missing_required_parameter", "prompt");
    if (!Number.isInteger(n) || n < 1 || n > 10)
      return apiError(400, `Invalid 'n': integer must be between 1 and 10.`, "invalid_request_error", "integer_out_of_range", "n");
    const size = String(f.size ?? "auto");
    if (!SIZES.includes(size))
      return apiError(
        400,
        `Invalid value: '${size}'. Supported values are: ${SIZES.join(", ")}.`,
        "invalid_request_error",
        "invalid_value",
        "size",
      );
    if (f.prompt.toLowerCase().includes(state.forbiddenWord)) {
      return apiError(
        400,
        "Your request was rejected by the safety system. If you believe this is an error, contact us.",
        "image_generation_user_error",
        "moderation_blocked",
      );
    }
    const [width, height] = size === "auto" ? [1024, 1024] : size.split("x").map(Number);
    const b64 = toBase64(fakeImage("png", width ?? 1024, height ?? 1024));
    return json(
      {
        created: Math.floor(Date.now() / 1000),
        background: "opaque",
        data: Array.from({ length: n }, () => ({ b64_json: b64 })),
        output_format: "png",
        quality: f.quality ?? "medium",
        size,
        usage: {
          input_tokens: 20,
          input_tokens_details: { image_tokens: 0, text_tokens: 20 },
          output_tokens: 1056 * n,
          total_tokens: 20 + 1056 * n,
        },
      },
      200,
      { "x-request-id": `req_${crypto.randomUUID()}` },
    );
  };

  const routes: FakeRoute[] = [
    { method: "POST", pattern: new URLPattern(`${API}/images/generations`), handle: (r) => answer("generations", r) },
    { method: "POST", pattern: new URLPattern(`${API}/images/edits`), handle: (r) => answer("edits", r) },
  ];

  return {
    state,
    fetch: fakeFetch(routes, state.calls),
    /** Makes the next call to an endpoint answer this instead. */
    failNext(endpoint: OpenAiEndpoint, response: () => Response) {
      state.overrides[endpoint] = [...(state.overrides[endpoint] ?? []), response];
    },
    /** OpenAI's 429 for a rate limit (retryable), with its retry hint headers. */
    rateLimited: () =>
      apiError(
        429,
        "Rate limit reached for gpt-image-1 in organization org-x on images per minute: Limit 5, Used 5.",
        "requests",
        "rate_limit_exceeded",
        null,
        {
          "retry-after-ms": "2500",
          "x-ratelimit-remaining-requests": "0",
        },
      ),
    /** OpenAI's 429 for an exhausted quota (not a rate limit). */
    quotaExceeded: () =>
      apiError(
        429,
        "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota",
        "insufficient_quota",
      ),
  };
}

/** The fake's instance type, for helpers that take one. */
export type FakeOpenAi = ReturnType<typeof fakeOpenAi>;
