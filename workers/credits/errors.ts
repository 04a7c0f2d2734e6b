/**
 * Errors the Account object throws rather than answers: both are a caller's bug, not a state of
 * the account. Their `name` and `code` survive the RPC boundary (workerd copies an error's own
 * properties), and `accountFor` turns them back into AppErrors with those codes.
 */

/** Arguments no ledger row may be made from: a negative, fractional, zero or huge amount, an empty key. */
export class CreditsInputError extends Error {
  override readonly name = "CreditsInputError";
  readonly code = "validation_failed";
}

/** An idempotency key already used for another user's row: the caller mapped one payment or job to two users. */
export class CreditsConflictError extends Error {
  override readonly name = "CreditsConflictError";
  readonly code = "idempotency_conflict";
}
