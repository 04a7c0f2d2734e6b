import type { ErrorCode, ErrorIssue } from "../../shared/errors";

/** An expected failure with a stable code and a message that is safe to show the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: ErrorIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
