import type { Balance } from "./contract";
import { balanceOf } from "./ledger-sql";

/** The user's balance from the projection; a user with no ledger yet has nothing. */
export async function readBalance(db: D1Database, userId: string): Promise<Balance> {
  const row = await balanceOf(db, userId).first<Balance>();
  return { available: row?.available ?? 0, held: row?.held ?? 0 };
}
