import type { Database } from "../../db/client";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { LIMITS } from "../limits";
import { claimRecoveryCode, claimStep, credentialOf } from "./store";
import { matchingStep } from "./totp";

const TOTP_CODE = /^\d{6}$/;

const invalidCode = () =>
  new AppError("invalid_code", "That code is not right, or was already used. Enter the current code from your app.");

/**
 * Accepts a current authenticator code once (rate limited per person; a code of a step already
 * used is refused). `pending` also accepts the code of an enrolment not yet confirmed.
 */
export async function acceptTotpCode(db: Database, userId: string, code: string, now: number, options: { pending?: boolean } = {}) {
  await enforceRateLimit(db.$client, LIMITS.secondFactorPerUser, userId, now);
  const credential = await credentialOf(db, userId);
  const usable = credential && (credential.enabledAt !== null || options.pending);
  const step = usable && TOTP_CODE.test(code.trim()) ? matchingStep(credential.secret, code.trim(), now) : null;
  if (step === null || !(await claimStep(db, userId, step))) throw invalidCode();
}

/** Sign-in's second step: a current authenticator code, or one of the person's unused recovery codes. */
export async function acceptSecondFactor(db: Database, userId: string, code: string, now: number): Promise<"totp" | "recovery"> {
  if (TOTP_CODE.test(code.trim())) {
    await acceptTotpCode(db, userId, code, now);
    return "totp";
  }
  await enforceRateLimit(db.$client, LIMITS.secondFactorPerUser, userId, now);
  if (!(await claimRecoveryCode(db, userId, code, now))) throw invalidCode();
  return "recovery";
}
