import type { CreditAdjustmentResult } from "../../shared/admin-users";
import { accountFor } from "../credits/account-client";
import { readBalance } from "../credits/balance";
import { adjustmentWritten } from "../credits/standing";
import type { Database } from "../db/client";
import { sha256Hex } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";

/** The person's ledger line when staff give no note of their own (the reason stays in the audit log). */
const DEFAULT_NOTE = "Correction by Ausar support";

export interface AdjustmentInput {
  userId: string;
  staffId: string;
  delta: number;
  note: string | undefined;
  /** The request's Idempotency-Key: the same key for the same person adjusts once. */
  idempotencyKey: string | undefined;
}

/**
 * The ledger key of a console adjustment: from the Idempotency-Key and the person (so one key
 * cannot touch two people), hashed to a fixed length; a fresh one when the request carries none.
 */
async function ledgerKeyFor(input: AdjustmentInput): Promise<string> {
  if (input.idempotencyKey === undefined) return `console:${newId()}`;
  return `console:${await sha256Hex(`${input.userId}\n${input.idempotencyKey}`)}`;
}

/**
 * A staff credit adjustment through the person's Account object (which broadcasts the new balance
 * to their open tabs). A replayed Idempotency-Key answers `applied: false` before the fresh code
 * is checked: the first call used that code, and a replay changes nothing. A deduction that would
 * leave less than zero is refused 402 `insufficient_credits`, writing nothing.
 */
export async function adjustCredits(
  deps: { db: Database; env: Pick<Env, "ACCOUNT"> },
  input: AdjustmentInput,
  verifyCode: () => Promise<void>,
): Promise<CreditAdjustmentResult & { key: string }> {
  const key = await ledgerKeyFor(input);
  if (input.idempotencyKey !== undefined && (await adjustmentWritten(deps.db, input.userId, key))) {
    return { applied: false, balance: await readBalance(deps.db.$client, input.userId), key };
  }
  await verifyCode();
  const result = await accountFor(deps.env, input.userId).adjust(key, input.delta, input.note ?? DEFAULT_NOTE, input.staffId);
  if (!result.ok) {
    const { available } = result.balance;
    throw new AppError(
      "insufficient_credits",
      `They have ${available} credits available: taking ${-input.delta} would leave less than zero. Take at most ${available}.`,
    );
  }
  return { applied: result.applied, balance: result.balance, key };
}
