import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteInsertSelectQueryBuilder, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";

/**
 * `INSERT INTO table SELECT <row's values> WHERE <condition>`: a conditional insert of one whole
 * row, as one statement (so it may join a batch, and a racing writer cannot slip between the
 * check and the insert). Each value is encoded as its column stores it (booleans, JSON); the
 * select lists every column in the table's order, as drizzle's `insert().select()` requires.
 */
export function insertRowIf<T extends SQLiteTable>(db: Database, table: T, row: T["$inferSelect"], condition: SQL | undefined) {
  const values: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value: unknown = (row as Record<string, unknown>)[key];
    // A null is bound as is: column encoders are not meant for it (a boolean's would write 0).
    values[key] = value === null || value === undefined ? sql`NULL` : sql`${sql.param(value, column)}`;
  }
  // The selection's keys are the table's columns, so this is the builder `insert().select()` expects.
  const select = db.select(values).from(sql`(SELECT 1)`).where(condition) as unknown as SQLiteInsertSelectQueryBuilder<T>;
  return db.insert(table).select(select);
}
