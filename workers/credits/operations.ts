import type { ClawbackResult, GrantSource, HoldSpender, MutationRefusal, MutationResult } from "./contract";
import * as d from "./descriptions";
import { CreditsConflictError } from "./errors";
import * as i from "./input";
import * as sql from "./ledger-sql";
import { type Posted, post } from "./ledger-writer";

/** What the ledger operations need: the database, whose ledger it is, a clock and an id source. */
export interface LedgerDeps {
  db: D1Database;
  userId: string;
  now: () => number;
  newId: (now: number) => string;
}

/** Idempotency keys are namespaced by operation, so a payment id can key both its grant and its clawback. */
export const ledgerKey = {
  grant: (key: string) => `grant:${key}`,
  hold: (jobId: string) => `hold:${jobId}`,
  /** Capture and release share one key: the unique index admits only one settlement per hold. */
  settle: (jobId: string) => `settle:${jobId}`,
  adjust: (key: string) => `adjust:${key}`,
  clawback: (key: string) => `clawback:${key}`,
  /** The repayment paid from the row keyed `key` (at most one per row, because that row is written once). */
  repay: (key: string) => `repay:${key}`,
  clearFlag: (key: string) => `clear_flag:${key}`,
};

function rowText(deps: LedgerDeps, key: string, reference: string | null, description: string): sql.RowText {
  const now = deps.now();
  return { rowId: deps.newId(now), userId: deps.userId, key, reference, description, now };
}

/** The repayment row that may follow a row which adds to `available`; its clock tick comes after that row's. */
function repayText(deps: LedgerDeps, key: string): sql.RowText {
  return rowText(deps, ledgerKey.repay(key), null, d.DEBT_REPAID_DESCRIPTION);
}

/** An earlier row with this key that belongs to someone else is a caller's bug, never a replay. */
function assertOwnRow(deps: LedgerDeps, posted: Posted, key: string): void {
  if (posted.row && posted.row.userId !== deps.userId) {
    throw new CreditsConflictError(`The key ${key} is already used by another account.`);
  }
}

/** Applied, or replayed (the key was used before by this user: nothing written). */
function done(posted: Posted): MutationResult {
  return { ok: true, applied: posted.applied, balance: posted.balance };
}

/** Adds credits; once per key. */
export async function grant(
  deps: LedgerDeps,
  args: { key: string; amount: number; source: GrantSource; reference: string | null; description?: string },
): Promise<MutationResult> {
  const amount = i.checkAmount(args.amount);
  const source = i.checkSource(args.source);
  const key = ledgerKey.grant(i.checkKey(args.key));
  const t = rowText(
    deps,
    key,
    i.checkReference(args.reference),
    i.checkText(args.description, "description", d.GRANT_DESCRIPTIONS[source]),
  );
  const posted = await post(deps.db, { ...t, insert: sql.insertGrant(deps.db, t, amount), repay: repayText(deps, key) }, t.now);
  assertOwnRow(deps, posted, key);
  return done(posted);
}

/**
 * Moves `amount` from available to held for `jobId`, or refuses: `credit_debt` while a debt is open,
 * `account_flagged` while the account is under review, `insufficient_credits` when short, and, for
 * a hold made for an API key (`spender`), `key_cap_reached` when it would pass the key's monthly cap.
 */
export async function hold(
  deps: LedgerDeps,
  args: { jobId: string; amount: number; description?: string; spender?: HoldSpender },
): Promise<MutationResult> {
  const amount = i.checkAmount(args.amount);
  const jobId = i.checkKey(args.jobId, "jobId");
  const spender = i.checkSpender(args.spender);
  const key = ledgerKey.hold(jobId);
  const t = rowText(deps, key, `job:${jobId}`, i.checkText(args.description, "description", d.DEFAULT_HOLD_DESCRIPTION));
  const posted = await post(
    deps.db,
    { ...t, insert: sql.insertHold(deps.db, t, amount, spender), follow: [sql.openHold(deps.db, t.rowId, jobId, spender?.keyId ?? null)] },
    t.now,
  );
  assertOwnRow(deps, posted, key);
  if (!posted.row) return { ok: false, code: await holdRefusal(deps, posted.balance, amount, spender), balance: posted.balance };
  return done(posted);
}

/**
 * The reason the SQL refused a hold, read from the balance the same batch read back: with no debt, no flag and
 * enough credits, the guards left are the key's cap and the suspension.
 */
async function holdRefusal(
  deps: LedgerDeps,
  balance: Posted["balance"],
  amount: number,
  spender: HoldSpender | undefined,
): Promise<MutationRefusal> {
  if (balance.debt > 0) return "credit_debt";
  if (balance.flagged) return "account_flagged";
  if (balance.available < amount) return "insufficient_credits";
  if (spender?.monthlyCap != null && (await sql.keySpent(deps.db, spender)) + amount > spender.monthlyCap) return "key_cap_reached";
  return "account_suspended";
}

/**
 * Captures (spends) or releases (returns) the open hold on `jobId`. The same settlement again
 * is a replay; the other one after it is `already_settled`; no hold of this user is `unknown_hold`.
 */
export async function settle(
  deps: LedgerDeps,
  args: { jobId: string; kind: "capture" | "release"; reason?: string },
): Promise<MutationResult> {
  const jobId = i.checkKey(args.jobId, "jobId");
  const description = args.kind === "release" ? d.refundDescription(i.checkText(args.reason, "reason", d.DEFAULT_REFUND_REASON)) : null;
  const key = ledgerKey.settle(jobId);
  const t = rowText(deps, key, `job:${jobId}`, ""); // the line is chosen in SQL: the release's, or the hold's
  const status = args.kind === "capture" ? "captured" : "released";
  const posted = await post(
    deps.db,
    {
      ...t,
      insert: sql.insertSettlement(deps.db, t, { jobId, kind: args.kind, description }),
      follow: [sql.settleHold(deps.db, t.rowId, jobId, status)],
      probe: sql.holdState(deps.db, jobId),
      // A capture adds nothing to `available`, so only a release can pay a debt.
      repay: args.kind === "release" ? repayText(deps, key) : undefined,
    },
    t.now,
  );
  const { row, balance } = posted;
  // Another user's hold or settlement is answered exactly like no hold at all.
  const hold = posted.probe as { userId: string; status: string } | null;
  if (!hold || hold.userId !== deps.userId || (row && row.userId !== deps.userId)) {
    return { ok: false, code: "unknown_hold", balance };
  }
  if (row && row.kind === args.kind) return done(posted);
  return { ok: false, code: "already_settled", balance };
}

/** Staff correction, either sign; a negative one never drives `available` below zero. */
export async function adjust(
  deps: LedgerDeps,
  args: { key: string; delta: number; reason: string; actor: string },
): Promise<MutationResult> {
  const delta = i.checkDelta(args.delta);
  const key = ledgerKey.adjust(i.checkKey(args.key));
  const actor = i.checkKey(args.actor, "actor");
  const t = rowText(deps, key, actor, d.adjustmentDescription(i.requireText(args.reason, "reason")));
  const repay = delta > 0 ? repayText(deps, key) : undefined;
  const posted = await post(deps.db, { ...t, insert: sql.insertAdjustment(deps.db, t, delta), repay }, t.now);
  assertOwnRow(deps, posted, key);
  if (!posted.row) return { ok: false, code: "insufficient_credits", balance: posted.balance };
  return done(posted);
}

/**
 * Takes back up to `amount` (a refunded or disputed payment). What is no longer available becomes
 * debt (paid first from later credits), is added to the lifetime shortfall and flags the user;
 * `available` never goes negative and held credits stay with their jobs.
 */
export async function clawback(
  deps: LedgerDeps,
  args: { key: string; amount: number; reference: string | null; description?: string },
): Promise<ClawbackResult> {
  const amount = i.checkAmount(args.amount);
  const key = ledgerKey.clawback(i.checkKey(args.key));
  const reference = i.checkReference(args.reference);
  const t = rowText(deps, key, reference, i.checkText(args.description, "description", d.CLAWBACK_DESCRIPTION));
  const flagReason = d.shortfallFlagReason(reference ?? key);
  const follow = [
    sql.recordShortfall(deps.db, t.rowId, deps.userId, amount),
    sql.flagShortfall(deps.db, t.rowId, deps.userId, amount, flagReason),
  ];
  const posted = await post(deps.db, { ...t, insert: sql.insertClawback(deps.db, t, amount), follow }, t.now);
  assertOwnRow(deps, posted, key);
  if (!posted.row) throw new Error(`clawback ${key} wrote no row`);
  const taken = 0 - posted.row.delta; // not `-delta`: that is -0 when nothing was taken
  return { ok: true, applied: posted.applied, taken, shortfall: Math.max(0, amount - taken), balance: posted.balance };
}

/**
 * Staff end a review (the admin console calls this): lift the flag and write off the open debt, once per key.
 * `actor` is the staff member (the row's reference); with neither a flag nor a debt it is refused `not_flagged`.
 */
export async function clearFlag(deps: LedgerDeps, args: { key: string; actor: string; reason: string }): Promise<MutationResult> {
  const key = ledgerKey.clearFlag(i.checkKey(args.key));
  const actor = i.checkKey(args.actor, "actor");
  const t = rowText(deps, key, actor, d.flagClearedDescription(i.requireText(args.reason, "reason")));
  const posted = await post(
    deps.db,
    { ...t, insert: sql.insertFlagClear(deps.db, t), follow: [sql.liftFlag(deps.db, t.rowId, deps.userId)] },
    t.now,
  );
  assertOwnRow(deps, posted, key);
  if (!posted.row) return { ok: false, code: "not_flagged", balance: posted.balance };
  return done(posted);
}
