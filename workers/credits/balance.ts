import type { Balance } from "./contract";
import { balanceOf } from "./ledger-sql";

/** The row `balanceOf` reads: SQLite answers booleans as 0/1. */
export interface BalanceRow {
  available: number;
  held: number;
  debt: number;
  flagged: number | boolean;
}

/** The API's balance from a `balanceOf` row; a user with no ledger yet has nothing. */
export function toBalance(row: BalanceRow | null | undefined): Balance {
  if (!row) return { available: 0, held: 0, debt: 0, flagged: false };
  return { available: row.available, held: row.held, debt: row.debt, flagged: Boolean(row.flagged) };
}

/** The user's balance from the projection, with their debt and review flag. */
export async function readBalance(db: D1Database, userId: string): Promise<Balance> {
  return toBalance(await balanceOf(db, userId).first<BalanceRow>());
}
