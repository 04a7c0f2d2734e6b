import type { CreditBalance } from "../../shared/credits";
import type { LiveMessage } from "../../shared/live";

/** Spendable, reserved by running jobs, owed, and under review (the API's own shape, `GET /api/credits`). */
export type Balance = CreditBalance;

/** Where granted credits come from; decides the ledger row's wording. */
export type GrantSource = "signup" | "purchase" | "subscription" | "referral" | "promo";

/**
 * What every mutation answers. `applied` is false when the idempotency key had already been
 * used (the call was a replay and wrote nothing). Refusals are answers, not exceptions, so that
 * they cross the RPC boundary typed.
 */
export type MutationResult = { ok: true; applied: boolean; balance: Balance } | { ok: false; code: MutationRefusal; balance: Balance };

/**
 * Why a mutation wrote nothing. A hold is refused `credit_debt` while a debt is open, else `account_flagged` while
 * the account is flagged for review, else `insufficient_credits`; `not_flagged` is a clear with nothing to clear.
 */
export type MutationRefusal =
  | "insufficient_credits"
  | "credit_debt"
  | "account_flagged"
  | "account_suspended"
  | "key_cap_reached"
  | "unknown_hold"
  | "already_settled"
  | "not_flagged";

/**
 * The API key a hold is made for (developers/): its holds are counted against its monthly cap, in the
 * hold's own statement, so concurrent calls on one key never pass the cap. `since` is the month's start.
 */
export interface HoldSpender {
  keyId: string;
  monthlyCap: number | null;
  since: number;
}

/** A clawback takes what is available and reports what it could not take. */
export type ClawbackResult = { ok: true; applied: boolean; taken: number; shortfall: number; balance: Balance };

/**
 * The Account Durable Object's RPC surface (one object per user, `ACCOUNT.getByName(userId)`).
 * Every mutation is idempotent by its key and is one D1 batch (ledger row + balance projection).
 * Amounts are positive integers; anything else throws a validation AppError-compatible error.
 */
export interface AccountApi {
  grant(key: string, amount: number, source: GrantSource, reference: string | null, description?: string): Promise<MutationResult>;
  hold(jobId: string, amount: number, description?: string, spender?: HoldSpender): Promise<MutationResult>;
  capture(jobId: string): Promise<MutationResult>;
  release(jobId: string, reason?: string): Promise<MutationResult>;
  adjust(key: string, delta: number, reason: string, actor: string): Promise<MutationResult>;
  clawback(key: string, amount: number, reference: string | null, description?: string): Promise<ClawbackResult>;
  /** Staff end a review: lift the flag and write off any open debt, once per key (refused `not_flagged` when there is neither). */
  clearFlag(key: string, actor: string, reason: string): Promise<MutationResult>;
  balance(): Promise<Balance>;
  /**
   * Pushes a message to every open live connection of this user (and wakes whoever awaits a job it
   * says finished); answers how many connections it reached (0: no tab of theirs is open).
   */
  publish(message: LiveMessage): Promise<number>;
  /** True once the user's job `jobId` has finished (heard through `publish`), false after `timeoutMs` (at most 60 s). */
  awaitJob(jobId: string, timeoutMs: number): Promise<boolean>;
}
