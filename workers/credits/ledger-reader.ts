import { and, desc, eq, sql } from "drizzle-orm";
import type { LedgerItem, LedgerPage } from "../../shared/credits";
import { database } from "../db/client";
import { creditLedger } from "../db/schema";
import { AppError } from "../lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

/** What a listed row shows (the idempotency key and user id stay inside). */
const ITEM_COLUMNS = {
  id: creditLedger.id,
  delta: creditLedger.delta,
  heldDelta: creditLedger.heldDelta,
  debtDelta: creditLedger.debtDelta,
  kind: creditLedger.kind,
  reference: creditLedger.reference,
  description: creditLedger.description,
  balanceAfter: creditLedger.balanceAfter,
  createdAt: creditLedger.createdAt,
};

const invalidCursor = () => new AppError("invalid_cursor", "That page cursor is not valid. Start again from the first page.");

/**
 * One page of the user's ledger, newest first, keyset-paginated on `(created_at, id)` (the
 * index `credit_ledger_user_created_idx`), so pages stay stable while new rows arrive. A cursor is
 * the id of the last row seen, which must be one of the user's own rows.
 */
export async function listLedger(d1: D1Database, userId: string, page: { cursor?: string; limit: number }): Promise<LedgerPage> {
  const db = database(d1);
  const mine = eq(creditLedger.userId, userId);
  const newestFirst = [desc(creditLedger.createdAt), desc(creditLedger.id)];
  const take = page.limit + 1;
  let rows: LedgerItem[];
  if (page.cursor === undefined) {
    rows = await db
      .select(ITEM_COLUMNS)
      .from(creditLedger)
      .where(mine)
      .orderBy(...newestFirst)
      .limit(take);
  } else {
    const after = decodeCursor(page.cursor);
    if (!after) throw invalidCursor();
    const anchor = db
      .select({ createdAt: creditLedger.createdAt, id: creditLedger.id })
      .from(creditLedger)
      .where(and(eq(creditLedger.id, after), mine));
    const [found, older] = await db.batch([
      anchor,
      db
        .select(ITEM_COLUMNS)
        .from(creditLedger)
        .where(and(mine, sql`(${creditLedger.createdAt}, ${creditLedger.id}) < (${anchor})`))
        .orderBy(...newestFirst)
        .limit(take),
    ]);
    if (found.length === 0) throw invalidCursor();
    rows = older;
  }
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.id) : null };
}
