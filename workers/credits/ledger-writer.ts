import type { LedgerKind } from "../../shared/credits";
import { type BalanceRow, toBalance } from "./balance";
import type { Balance } from "./contract";
import { balanceOf, ensureBalanceRow, insertRepayment, liftFlag, projectRow, type RowText, rowByKey } from "./ledger-sql";

/** The ledger row that holds an idempotency key. */
interface KeyedRow {
  id: string;
  userId: string;
  kind: LedgerKind;
  delta: number;
  heldDelta: number;
}

/** One mutation: its key, its conditional ledger insert, the writes that follow that row, and an optional read. */
export interface Posting {
  rowId: string;
  userId: string;
  key: string;
  insert: D1PreparedStatement;
  follow?: D1PreparedStatement[];
  /** Read in the same batch, after the writes (a hold's state, to explain a refusal). */
  probe?: D1PreparedStatement;
  /**
   * For rows that can add to `available` (grant, release, positive adjustment): the text of the repayment row
   * that pays an open debt from it in the same batch (see `insertRepayment`).
   */
  repay?: RowText;
}

export interface Posted {
  /** This call wrote the row. */
  applied: boolean;
  /** The row holding the key: this call's, an earlier call's (a replay), or null (refused, nothing written). */
  row: KeyedRow | null;
  balance: Balance;
  probe: Record<string, unknown> | null;
}

/**
 * Runs one posting as one D1 batch (one transaction, one round trip): make sure the balance row
 * exists, insert the ledger row if the operation is allowed, move the projection by exactly that
 * row, run the follow-up writes, pay an open debt from it (when the posting may), then read back
 * the key's row and the balance.
 */
export async function post(db: D1Database, posting: Posting, now: number): Promise<Posted> {
  const follow = posting.follow ?? [];
  const repay = posting.repay
    ? [
        insertRepayment(db, posting.repay, posting.rowId),
        projectRow(db, posting.repay.rowId, posting.userId),
        liftFlag(db, posting.repay.rowId, posting.userId),
      ]
    : [];
  const statements = [
    ensureBalanceRow(db, posting.userId, now),
    posting.insert,
    projectRow(db, posting.rowId, posting.userId),
    ...follow,
    ...repay,
    rowByKey(db, posting.key),
    balanceOf(db, posting.userId),
    ...(posting.probe ? [posting.probe] : []),
  ];
  const results = await db.batch<Record<string, unknown>>(statements);
  const inserted = results[1]?.meta.changes ?? 0;
  const projected = results[2]?.meta.changes ?? 0;
  if (inserted !== projected) {
    // Cannot happen while the balance row is ensured in the same transaction; if it ever did,
    // the ledger and the projection would disagree, so fail loudly rather than answer.
    throw new Error(`credit posting ${posting.key}: inserted ${inserted} rows but projected ${projected}`);
  }
  if (repay.length > 0) {
    const at = 3 + follow.length;
    const repaid = results[at]?.meta.changes ?? 0;
    const repaidProjected = results[at + 1]?.meta.changes ?? 0;
    if (repaid !== repaidProjected)
      throw new Error(`credit posting ${posting.key}: repaid ${repaid} rows but projected ${repaidProjected}`);
  }
  const after = 3 + follow.length + repay.length;
  const row = (results[after]?.results[0] as KeyedRow | undefined) ?? null;
  const balance = toBalance(results[after + 1]?.results[0] as BalanceRow | undefined);
  const probe = posting.probe ? (results[after + 2]?.results[0] ?? null) : null;
  return { applied: inserted === 1, row, balance, probe };
}
