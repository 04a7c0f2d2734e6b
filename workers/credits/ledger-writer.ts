import type { LedgerKind } from "../../shared/credits";
import type { Balance } from "./contract";
import { balanceOf, ensureBalanceRow, projectRow, rowByKey } from "./ledger-sql";

/** The ledger row that holds an idempotency key. */
export interface KeyedRow {
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
 * row, run the follow-up writes, then read back the key's row and the balance.
 */
export async function post(db: D1Database, posting: Posting, now: number): Promise<Posted> {
  const follow = posting.follow ?? [];
  const statements = [
    ensureBalanceRow(db, posting.userId, now),
    posting.insert,
    projectRow(db, posting.rowId, posting.userId),
    ...follow,
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
  const after = 3 + follow.length;
  const row = (results[after]?.results[0] as KeyedRow | undefined) ?? null;
  const balance = (results[after + 1]?.results[0] as Balance | undefined) ?? { available: 0, held: 0 };
  const probe = posting.probe ? (results[after + 2]?.results[0] ?? null) : null;
  return { applied: inserted === 1, row, balance: { available: balance.available, held: balance.held }, probe };
}
