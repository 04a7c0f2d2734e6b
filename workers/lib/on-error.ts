import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../../shared/errors";
import { AppError } from "./errors";
import { loggablePath, redactSecrets } from "./redact";

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** Builds the JSON error response every route answers with. */
function errorResponse(c: Context, error: AppError): Response {
  const { issues, retryAfterSeconds } = error.extra;
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (issues) {
    body.error.issues = issues;
    body.issues = issues;
  }
  if (retryAfterSeconds !== undefined) c.header("Retry-After", String(retryAfterSeconds));
  c.header("Cache-Control", "no-store");
  return c.json(body, ERROR_STATUS[error.code]);
}

/** The one `onError`: expected errors become their 4xx; anything else is logged and a bare 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status < 500) {
    const code = CODE_FOR_STATUS[err.status] ?? "bad_request";
    return errorResponse(c, new AppError(code, err.message || "Bad request"));
  }
  const requestId: string | undefined = c.get("requestId");
  // The path may hold a share token, the query a callback token, and the error text any URL: all redacted.
  const logged = {
    level: "error",
    requestId,
    path: loggablePath(c.req.url),
    error: redactSecrets(String(err)),
    stack: redactSecrets(err.stack ?? ""),
  };
  console.error(JSON.stringify(logged));
  return errorResponse(c, new AppError("internal", "Something went wrong on our side. Please try again."));
}
