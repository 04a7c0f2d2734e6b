import { AppError } from "../lib/errors";
import type { MutationResult } from "./contract";

const credits = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

/**
 * The 402 for a refused hold, worded for the person starting the job: why nothing started and
 * what to do about it. `credit_debt` and `account_flagged` have their own codes so the web app
 * can point to the right way out (buy credits, contact support) instead of "you need more".
 */
export function holdRefusedError(result: Extract<MutationResult, { ok: false }>, cost: number): AppError {
  const { balance } = result;
  if (result.code === "credit_debt") {
    return new AppError(
      "credit_debt",
      `A refunded or disputed payment left your account owing ${credits(balance.debt)}, so nothing new can start. ` +
        "Buy credits to pay it off (new credits pay the debt first), or contact support.",
    );
  }
  if (result.code === "account_flagged") {
    return new AppError(
      "account_flagged",
      "Your account is under review after a refunded or disputed payment, so nothing new can start. Contact support to resolve it.",
    );
  }
  if (result.code === "key_cap_reached") {
    return new AppError(
      "key_cap_reached",
      `This costs ${credits(cost)}, which would pass this API key's monthly credit cap. Raise it with a new key, or wait for next month.`,
    );
  }
  if (result.code === "account_suspended") {
    return new AppError("account_suspended", "This account is suspended, so nothing new can start.");
  }
  return new AppError("insufficient_credits", `This costs ${credits(cost)} and you have ${balance.available} available.`);
}
