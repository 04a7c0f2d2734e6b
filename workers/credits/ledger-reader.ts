import type { LedgerItem, LedgerPage } from "../../shared/credits";
import { AppError } from "../lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

const ITEM_COLUMNS = `id, delta, held_delta AS heldDelta, debt_delta AS debtDelta, kind, reference, description,
  balance_after AS balanceAfter, created_at AS createdAt`;

const invalidCursor = () => new AppError("invalid_cursor", "That page cursor is not valid. Start again from the first page.");

/**
 * One page of the user's ledger, newest first, keyset-paginated on `(created_at, id)` (the
 * index `credit_ledger_user_created_idx`), so pages stay stable while new rows arrive.
 */
export async function listLedger(db: D1Database, userId: string, page: { cursor?: string; limit: number }): Promise<LedgerPage> {
  const take = page.limit + 1;
  let rows: LedgerItem[];
  if (page.cursor === undefined) {
    const result = await db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM credit_ledger WHERE user_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2`)
      .bind(userId, take)
      .all<LedgerItem>();
    rows = result.results;
  } else {
    const after = decodeCursor(page.cursor);
    if (!after) throw invalidCursor();
    const [anchor, result] = await db.batch<LedgerItem>([
      db.prepare("SELECT id FROM credit_ledger WHERE id = ?1 AND user_id = ?2").bind(after, userId),
      db
        .prepare(
          `SELECT ${ITEM_COLUMNS} FROM credit_ledger
           WHERE user_id = ?1 AND (created_at, id) < (SELECT created_at, id FROM credit_ledger WHERE id = ?2 AND user_id = ?1)
           ORDER BY created_at DESC, id DESC LIMIT ?3`,
        )
        .bind(userId, after, take),
    ]);
    if (!anchor?.results.length) throw invalidCursor();
    rows = result?.results ?? [];
  }
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.id) : null };
}
