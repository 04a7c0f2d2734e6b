import type { ErrorBody, ErrorCode, ErrorIssue } from "../../../shared/errors";

/** `network` is the client's own code for a request that never got an answer. */
export type ClientErrorCode = ErrorCode | "network";

/** Any failed API call: the server's `{ error: { code, message, issues } }`, typed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The first issue's message for a field (`path` is the field name, or starts with it). */
  issueFor(field: string): string | undefined {
    return this.issues.find((issue) => issue.path === field || issue.path.startsWith(`${field}.`))?.message;
  }
}

/** What to tell the person about a failure: the API's own message, or `fallback` for anything else. */
export function errorMessage(error: unknown, fallback = "Something went wrong."): string {
  return error instanceof ApiError ? error.message : fallback;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

function isIssueList(value: unknown): value is ErrorIssue[] {
  return Array.isArray(value) && value.every((item) => typeof item?.path === "string" && typeof item?.message === "string");
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "Please sign in again.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  429: "Too many attempts. Please wait a moment and try again.",
};

/** Builds an ApiError from a failed response; bodies that are not the API's shape still map cleanly. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const retryHeader = Number(response.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
  if (isErrorBody(body)) {
    const issues = [body.error.issues, body.issues].find(isIssueList) ?? [];
    return new ApiError(response.status, body.error.code, body.error.message, issues, retryAfter);
  }
  const code: ErrorCode = response.status >= 500 ? "internal" : "bad_request";
  const message = FALLBACK_MESSAGES[response.status] ?? "Something went wrong. Please try again.";
  return new ApiError(response.status, code, message, [], retryAfter);
}

/** The error for a request that failed before any answer (offline, connection reset). */
export function networkError(): ApiError {
  return new ApiError(0, "network", "Could not reach Ausar. Check your connection and try again.");
}
