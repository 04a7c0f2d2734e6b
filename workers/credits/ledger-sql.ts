/**
 * The SQL of every credit mutation. Each operation is one conditional ledger insert: it selects
 * its row from the current balance (or the open hold) and so writes nothing when the operation
 * is refused — insufficient credits, no open hold — or when its idempotency key is already
 * taken (`ON CONFLICT DO NOTHING` on the unique key). Every other write of the batch is keyed
 * to that new row's id, so it happens exactly when the row was written. D1 runs a batch as one
 * transaction, so these guards hold even if two batches for one user ever raced.
 *
 * Why raw SQL here, where the rest of the project uses drizzle: each insert's values come from a
 * `SELECT … WHERE <guard>` over the balance or hold row together with `ON CONFLICT … DO NOTHING`,
 * and every follow-up statement is keyed to the row just written (`changes()`-style conditions);
 * drizzle's query builder cannot say a conditional `INSERT … SELECT` with computed columns and an
 * upsert clause in one statement, and splitting it would lose the one-statement guard.
 */
import type { HoldSpender } from "./contract";

const LEDGER_COLUMNS =
  "id, user_id, delta, held_delta, kind, reference, description, idempotency_key, balance_after, created_at, debt_delta";
const ON_KEY_CONFLICT = "ON CONFLICT(idempotency_key) DO NOTHING";

/** The balance row exists before anything is posted against it. */
export const ensureBalanceRow = (db: D1Database, userId: string, now: number) =>
  db
    .prepare(
      "INSERT INTO credit_balances (user_id, available, held, shortfall, debt, version, updated_at) VALUES (?1, 0, 0, 0, 0, 0, ?2) ON CONFLICT(user_id) DO NOTHING",
    )
    .bind(userId, now);

/**
 * The projection follows the row this batch wrote (and only that row): available += delta − heldDelta,
 * held += heldDelta, debt += debtDelta.
 */
export const projectRow = (db: D1Database, rowId: string, userId: string) =>
  db
    .prepare(
      `UPDATE credit_balances SET available = available + (l.delta - l.held_delta), held = held + l.held_delta,
         debt = debt + l.debt_delta, version = version + 1, updated_at = l.created_at
       FROM (SELECT delta, held_delta, debt_delta, created_at FROM credit_ledger WHERE id = ?1) AS l
       WHERE credit_balances.user_id = ?2`,
    )
    .bind(rowId, userId);

export interface RowText {
  rowId: string;
  userId: string;
  key: string;
  reference: string | null;
  description: string;
  now: number;
}

/** +n/0, always possible. */
export const insertGrant = (db: D1Database, t: RowText, amount: number) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, user_id, ?3, 0, 'grant', ?4, ?5, ?6, available + ?3, ?7, 0 FROM credit_balances WHERE user_id = ?2
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, t.userId, amount, t.reference, t.description, t.key, t.now);

/** What a key's holds since its month began add up to, refunds left out (the parameters name the key and the month's start). */
function keySpentSql(keyParam: string, sinceParam: string): string {
  return `SELECT COALESCE(SUM(amount), 0) FROM credit_holds WHERE api_key_id = ${keyParam} AND created_at >= ${sinceParam} AND status != 'released'`;
}

/**
 * 0/+n, only while `available >= n`, no debt is open and the account is neither flagged for review nor suspended: an
 * account that owes credits, or that staff are looking at or have suspended, starts nothing new (its running jobs still settle).
 * A hold for an API key with a monthly cap also needs the key's holds this month plus `n` within the cap.
 */
export const insertHold = (db: D1Database, t: RowText, amount: number, spender: HoldSpender | undefined) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, user_id, 0, ?3, 'hold', ?4, ?5, ?6, available - ?3, ?7, 0 FROM credit_balances
       WHERE user_id = ?2 AND available >= ?3 AND debt = 0
         AND NOT EXISTS (SELECT 1 FROM users WHERE id = ?2 AND (flagged_at IS NOT NULL OR suspended_at IS NOT NULL))
         AND (?8 IS NULL OR ?3 + (${keySpentSql("?9", "?10")}) <= ?8)
       ${ON_KEY_CONFLICT}`,
    )
    .bind(
      t.rowId,
      t.userId,
      amount,
      t.reference,
      t.description,
      t.key,
      t.now,
      spender?.monthlyCap ?? null,
      spender?.keyId ?? null,
      spender?.since ?? 0,
    );

/** A key's spending this month, as the hold's cap guard counts it. */
export async function keySpent(db: D1Database, spender: HoldSpender): Promise<number> {
  return (
    (await db
      .prepare(`SELECT (${keySpentSql("?1", "?2")}) AS spent`)
      .bind(spender.keyId, spender.since)
      .first<number>("spent")) ?? 0
  );
}

/** The hold's own row, open, written with its ledger row (and the API key it was made for, if any). */
export const openHold = (db: D1Database, rowId: string, jobId: string, apiKeyId: string | null) =>
  db
    .prepare(
      `INSERT INTO credit_holds (job_id, user_id, amount, status, created_at, api_key_id)
       SELECT ?2, user_id, held_delta, 'open', created_at, ?3 FROM credit_ledger WHERE id = ?1`,
    )
    .bind(rowId, jobId, apiKeyId);

/**
 * Capture (−n/−n) or release (0/−n) of this user's open hold on `jobId`. Both use the key
 * `settle:<jobId>`, so the unique index lets only one of them ever be written. A capture
 * without its own description repeats the hold's ("Generation — 2 images"). `kind` comes from a
 * closed union, never from input, so it is spliced into the SQL.
 */
export const insertSettlement = (
  db: D1Database,
  t: Omit<RowText, "description">,
  settlement: { jobId: string; kind: "capture" | "release"; description: string | null },
) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, h.user_id, ${settlement.kind === "capture" ? "-h.amount" : "0"}, -h.amount, '${settlement.kind}', ?4,
         COALESCE(?5, (SELECT description FROM credit_ledger WHERE idempotency_key = 'hold:' || h.job_id), 'Generation'),
         ?6, b.available + ${settlement.kind === "capture" ? "0" : "h.amount"}, ?7, 0
       FROM credit_holds h JOIN credit_balances b ON b.user_id = h.user_id
       WHERE h.job_id = ?3 AND h.user_id = ?2 AND h.status = 'open'
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, t.userId, settlement.jobId, t.reference, settlement.description, t.key, t.now);

/** Marks the hold settled when this batch wrote its settlement row. */
export const settleHold = (db: D1Database, rowId: string, jobId: string, status: "captured" | "released") =>
  db
    .prepare(
      `UPDATE credit_holds SET status = ?3, settled_at = (SELECT created_at FROM credit_ledger WHERE id = ?1)
       WHERE job_id = ?2 AND status = 'open' AND EXISTS (SELECT 1 FROM credit_ledger WHERE id = ?1)`,
    )
    .bind(rowId, jobId, status);

/** ±n/0; a negative adjustment only while it leaves `available >= 0`. */
export const insertAdjustment = (db: D1Database, t: RowText, delta: number) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, user_id, ?3, 0, 'adjust', ?4, ?5, ?6, available + ?3, ?7, 0 FROM credit_balances
       WHERE user_id = ?2 AND available + ?3 >= 0
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, t.userId, delta, t.reference, t.description, t.key, t.now);

/**
 * −min(n, available)/0: takes what is available, never more, and never touches held credits (a running job keeps
 * its hold). What it cannot take becomes debt (`debt_delta` = n − taken), which later credits pay first.
 */
export const insertClawback = (db: D1Database, t: RowText, amount: number) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, user_id, -MIN(?3, available), 0, 'refund_clawback', ?4, ?5, ?6, available - MIN(?3, available), ?7,
         ?3 - MIN(?3, available)
       FROM credit_balances WHERE user_id = ?2
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, t.userId, amount, t.reference, t.description, t.key, t.now);

/** Adds what the clawback could not take (`amount + delta`) to the balance's shortfall. */
export const recordShortfall = (db: D1Database, rowId: string, userId: string, amount: number) =>
  db
    .prepare(
      `UPDATE credit_balances SET shortfall = shortfall + (?3 + l.delta)
       FROM (SELECT delta FROM credit_ledger WHERE id = ?1) AS l
       WHERE credit_balances.user_id = ?2 AND ?3 + l.delta > 0`,
    )
    .bind(rowId, userId, amount);

/** Flags the user for review when this batch's clawback fell short; an earlier flag and its reason stay. */
export const flagShortfall = (db: D1Database, rowId: string, userId: string, amount: number, reason: string) =>
  db
    .prepare(
      `UPDATE users SET flagged_at = COALESCE(flagged_at, l.created_at), flag_reason = COALESCE(flag_reason, ?4)
       FROM (SELECT delta, created_at FROM credit_ledger WHERE id = ?1) AS l
       WHERE users.id = ?2 AND ?3 + l.delta > 0`,
    )
    .bind(rowId, userId, amount, reason);

/**
 * Pays an open debt from what this batch's row (`?2`) just made available: −min(debt, available)/0/−min(debt, available),
 * keyed `repay:<that row's key>`, so it happens exactly once with the row that paid it. Written after that row is
 * projected; nothing when no debt is open or nothing is available (which also makes it a no-op for a replay, whose
 * row id was never written). The repayment names what paid it (`job:<id>`, `payment:<id>`).
 */
export const insertRepayment = (db: D1Database, t: RowText, paidBy: string) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, b.user_id, -MIN(b.debt, b.available), 0, 'debt_repaid', l.reference, ?4, ?5,
         b.available - MIN(b.debt, b.available), ?6, -MIN(b.debt, b.available)
       FROM credit_balances b JOIN credit_ledger l ON l.id = ?2 AND l.user_id = b.user_id
       WHERE b.user_id = ?3 AND b.debt > 0 AND b.available > 0
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, paidBy, t.userId, t.description, t.key, t.now);

/**
 * Staff end a review: 0/0/−debt, writing off whatever debt is open, only while there is something to clear (a debt
 * or a flag), so a stray call writes nothing.
 */
export const insertFlagClear = (db: D1Database, t: RowText) =>
  db
    .prepare(
      `INSERT INTO credit_ledger (${LEDGER_COLUMNS})
       SELECT ?1, user_id, 0, 0, 'flag_cleared', ?3, ?4, ?5, available, ?6, -debt FROM credit_balances
       WHERE user_id = ?2 AND (debt > 0 OR EXISTS (SELECT 1 FROM users WHERE id = ?2 AND flagged_at IS NOT NULL))
       ${ON_KEY_CONFLICT}`,
    )
    .bind(t.rowId, t.userId, t.reference, t.description, t.key, t.now);

/**
 * Lifts the user's flag once this batch's row (`?1`) left no debt: a repayment that paid the debt in full, or a
 * staff clear. ("Cannot spend until the debt is paid or staff clear the flag.")
 */
export const liftFlag = (db: D1Database, rowId: string, userId: string) =>
  db
    .prepare(
      `UPDATE users SET flagged_at = NULL, flag_reason = NULL
       WHERE id = ?2 AND flagged_at IS NOT NULL AND EXISTS (SELECT 1 FROM credit_ledger WHERE id = ?1)
         AND (SELECT debt FROM credit_balances WHERE user_id = ?2) = 0`,
    )
    .bind(rowId, userId);

/** Whichever row holds the key: this batch's, an earlier call's, or none. */
export const rowByKey = (db: D1Database, key: string) =>
  db.prepare("SELECT id, user_id AS userId, kind, delta, held_delta AS heldDelta FROM credit_ledger WHERE idempotency_key = ?1").bind(key);

/**
 * The projection as it stands (zeros before the first row), with the user's review flag as 0/1. Always one row.
 */
export const balanceOf = (db: D1Database, userId: string) =>
  db
    .prepare(
      `SELECT COALESCE(b.available, 0) AS available, COALESCE(b.held, 0) AS held, COALESCE(b.debt, 0) AS debt,
         EXISTS (SELECT 1 FROM users WHERE id = ?1 AND flagged_at IS NOT NULL) AS flagged
       FROM (SELECT ?1 AS user_id) AS me LEFT JOIN credit_balances b ON b.user_id = me.user_id`,
    )
    .bind(userId);

/** A hold's owner and state, to tell "unknown" from "already settled". */
export const holdState = (db: D1Database, jobId: string) =>
  db.prepare("SELECT user_id AS userId, status FROM credit_holds WHERE job_id = ?1").bind(jobId);
