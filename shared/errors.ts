/**
 * Every error code the API answers with, and its HTTP status. Codes are stable: the web app
 * and outside checks read them. Domain code throws codes; only the error handler knows statuses.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  weak_password: 400,
  invalid_token: 400,
  invalid_code: 400,
  invalid_cursor: 400,
  invalid_image: 400,
  invalid_passkey: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  invalid_api_key: 401,
  insufficient_credits: 402,
  credit_debt: 402,
  account_flagged: 402,
  key_cap_reached: 402,
  forbidden: 403,
  second_factor_required: 403,
  account_suspended: 403,
  bad_origin: 403,
  api_key_not_allowed: 403,
  insufficient_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  already_verified: 409,
  idempotency_conflict: 409,
  invalid_state: 409,
  last_admin: 409,
  payload_too_large: 413,
  image_too_large: 413,
  storage_quota_exceeded: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One field-level problem in a validation error; `path` is dotted (`"items.0.name"`). */
export interface ErrorIssue {
  path: string;
  message: string;
}

/**
 * The body of every error response. Field issues are given inside `error` and, as the
 * contract words it ("validation errors add issues"), beside it too.
 */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
  issues?: ErrorIssue[];
}
