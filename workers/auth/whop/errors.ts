/**
 * Why a Sign in with Whop round trip was refused. Each has its own sentence on the web page
 * (`web/src/pages/whop-sign-in/reasons.ts`); nothing is created or linked for any of them.
 */
export type WhopRefusal =
  | "not_started"
  | "state_mismatch"
  | "access_denied"
  | "provider_error"
  | "code_refused"
  | "bad_nonce"
  | "expired_id_token"
  | "invalid_id_token"
  | "no_email"
  | "unverified_email"
  | "already_linked"
  | "suspended"
  | "rate_limited"
  | "unavailable";

/** A refused Sign in with Whop; `detail` is for the log only, never shown. */
export class WhopSignInError extends Error {
  constructor(
    readonly reason: WhopRefusal,
    readonly detail?: string,
  ) {
    super(`whop sign-in refused: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}
