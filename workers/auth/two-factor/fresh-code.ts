import type { StepUpProof } from "../../../shared/step-up";
import type { Database } from "../../db/client";
import { AppError } from "../../lib/errors";
import type { PasskeyDeps } from "../passkeys/registration";
import { verifyPasskeyStepUp } from "../passkeys/step-up";
import { acceptTotpCode } from "./codes";

/**
 * A staff member's step-up before a destructive action: a current code from their authenticator,
 * usable once (the same code cannot also pass a second action). Throws 400 `invalid_code`, or 429
 * past the per-person limit. Recovery codes do not count here: they are for getting back in.
 */
export function verifyFreshCode(db: Database, userId: string, code: string, now: number): Promise<void> {
  return acceptTotpCode(db, userId, code, now);
}

/** Which factor stepped a destructive action up. */
type StepUpFactor = "totp" | "passkey";

/**
 * The step-up every destructive staff route calls, after its own rules (so a refused action spends
 * nothing): the body's fresh TOTP `code` (`verifyFreshCode`), or its `passkey` assertion made for
 * the step-up by one of the staff member's own passkeys (`verifyPasskeyStepUp`: 400
 * `invalid_passkey`). The body's schema already requires exactly one of the two.
 */
export async function verifyStepUp(deps: PasskeyDeps, userId: string, proof: StepUpProof): Promise<StepUpFactor> {
  if (proof.passkey !== undefined) {
    await verifyPasskeyStepUp(deps, userId, proof.passkey);
    return "passkey";
  }
  if (proof.code === undefined) throw new AppError("invalid_code", "Enter the 6-digit code from your authenticator app, or use a passkey.");
  await verifyFreshCode(deps.db, userId, proof.code, deps.now);
  return "totp";
}
