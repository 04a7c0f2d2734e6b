import { drizzle } from "drizzle-orm/d1";

/**
 * The drizzle client over the D1 binding. Built for every request, so without `{ schema }`: that
 * option only feeds the relational `db.query` API, which nothing uses, and costs ~30 µs per build.
 */
export function database(d1: D1Database) {
  return drizzle(d1);
}

export type Database = ReturnType<typeof database>;
