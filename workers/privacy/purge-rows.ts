import { inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { PurgeContext } from "./contract";

/** Rows per DELETE: each statement stays short, so a large account never holds D1 for long. */
const ROWS_PER_CHUNK = 500;

/**
 * The purge machinery a capability's purge step uses for its own tables: deletes the rows of
 * `table` matching `where`, a chunk at a time (`rowid IN (… LIMIT 500)`), one budget call per
 * chunk, until a chunk comes back short. True when none is left; false when the budget ran out.
 */
export async function deleteInChunks(ctx: PurgeContext, table: SQLiteTable, where: SQL | undefined): Promise<boolean> {
  const rowid = sql<number>`rowid`;
  for (;;) {
    if (!ctx.budget.spend()) return false;
    const chunk = ctx.db.select({ rowid }).from(table).where(where).limit(ROWS_PER_CHUNK);
    const result = await ctx.db.delete(table).where(inArray(rowid, chunk)).run();
    if (result.meta.changes < ROWS_PER_CHUNK) return true;
  }
}

/** Runs chunked deletes one after another (in the order given); true when all are done. */
export async function deleteAllInChunks(
  ctx: PurgeContext,
  deletes: readonly (readonly [SQLiteTable, SQL | undefined])[],
): Promise<boolean> {
  for (const [table, where] of deletes) {
    if (!(await deleteInChunks(ctx, table, where))) return false;
  }
  return true;
}

/**
 * Deletes every R2 object under `prefix` (including any that no row names), a listing of up to
 * 1,000 keys and one delete call at a time. True when all are gone; false when the budget ran out.
 */
export async function deletePrefix(ctx: PurgeContext, prefix: string): Promise<boolean> {
  for (;;) {
    if (!ctx.budget.spend(2)) return false;
    const listed = await ctx.bucket.list({ prefix, limit: 1000 });
    if (listed.objects.length > 0) await ctx.bucket.delete(listed.objects.map((object) => object.key));
    if (!listed.truncated) return true;
  }
}
