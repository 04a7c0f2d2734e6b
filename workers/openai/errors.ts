import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ErrorCode } from "../../shared/errors";
import type { OpenAiErrorBody } from "../../shared/openai-images";
import { AppError } from "../lib/errors";
import { onError } from "../lib/on-error";

/**
 * An answer in OpenAI's error shape with the status its SDKs map to the matching error class. `code`
 * is always set (OpenAI sometimes sends null), so a client can always switch on it.
 */
export class OpenAiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 500 | 503,
    message: string,
    readonly type: string,
    readonly code: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "OpenAiError";
  }
}

/** A bad parameter: 400 `invalid_request_error`, naming it. */
export const invalidParam = (param: string, message: string) =>
  new OpenAiError(400, message, "invalid_request_error", "invalid_value", param);

const INVALID = "invalid_request_error";

/** Ausar's codes in OpenAI's terms: `[status, type, code]`. Anything unlisted is a server error. */
const TRANSLATION: Partial<Record<ErrorCode, [OpenAiError["status"], string, string]>> = {
  bad_request: [400, INVALID, "invalid_request"],
  invalid_json: [400, INVALID, "invalid_json"],
  validation_failed: [400, INVALID, "invalid_value"],
  invalid_image: [400, INVALID, "invalid_image"],
  unauthenticated: [401, INVALID, "invalid_api_key"],
  invalid_api_key: [401, INVALID, "invalid_api_key"],
  insufficient_scope: [403, INVALID, "insufficient_permissions"],
  api_key_not_allowed: [403, INVALID, "insufficient_permissions"],
  account_suspended: [403, INVALID, "account_suspended"],
  not_found: [404, INVALID, "not_found"],
  payload_too_large: [413, INVALID, "payload_too_large"],
  image_too_large: [413, INVALID, "image_too_large"],
  storage_quota_exceeded: [413, INVALID, "storage_quota_exceeded"],
  unsupported_media_type: [415, INVALID, "invalid_image_format"],
  // Every way of not having credits to spend is OpenAI's quota error (a 429 its SDKs do not retry on code).
  insufficient_credits: [429, "insufficient_quota", "insufficient_quota"],
  credit_debt: [429, "insufficient_quota", "insufficient_quota"],
  account_flagged: [429, "insufficient_quota", "insufficient_quota"],
  key_cap_reached: [429, "insufficient_quota", "insufficient_quota"],
  rate_limited: [429, "requests", "rate_limit_exceeded"],
  unavailable: [503, "server_error", "unavailable"],
};

function openAiResponse(c: Context, error: OpenAiError): Response {
  const body: OpenAiErrorBody = { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
  c.header("Cache-Control", "no-store");
  return c.json(body, error.status);
}

/**
 * The `/v1` routes' `onError`: OpenAI's shape for everything, so its SDKs raise the matching error
 * class. Unexpected errors go through the app's own handler first (logged, redacted) and answer 500.
 */
export function openAiOnError(err: Error, c: Context): Response {
  if (err instanceof OpenAiError) return openAiResponse(c, err);
  if (err instanceof AppError) {
    const [status, type, code] = TRANSLATION[err.code] ?? [500, "server_error", "server_error"];
    if (err.extra.retryAfterSeconds !== undefined) c.header("Retry-After", String(err.extra.retryAfterSeconds));
    const param = err.extra.issues?.[0]?.path ?? null;
    const message = err.extra.issues?.[0]
      ? `${err.message} ${err.extra.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
      : err.message;
    return openAiResponse(c, new OpenAiError(status, message, type, code, param));
  }
  if (err instanceof HTTPException && err.status < 500)
    return openAiResponse(c, new OpenAiError(400, err.message || "Bad request.", INVALID, "invalid_request"));
  onError(err, c);
  return openAiResponse(c, new OpenAiError(500, "Something went wrong on our side. Please try again.", "server_error", "server_error"));
}
