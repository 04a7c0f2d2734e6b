import type { Budget } from "./budget";

/** Rows per DELETE: each statement stays short, so a large account never holds D1 for long. */
const ROWS_PER_CHUNK = 500;

/**
 * Every table whose rows belong to one person, as chunked deletes (`?1` the user id; `?2`, in the
 * statements that say `email`, their email or null once the user row is gone). Refresh tokens go before the sessions they hang from.
 * The user row itself, billing and the links other rows hold are the purge's last batch
 * (purge-links.ts). A new table with personal data must be added here: the purge test checks every
 * table for leftovers.
 */
const byUser = (table: string) => ({
  sql: `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE user_id = ?1 LIMIT ${ROWS_PER_CHUNK})`,
});

const PURGE_DELETES: readonly { sql: string; email?: true }[] = [
  {
    sql: `DELETE FROM refresh_tokens WHERE rowid IN (
      SELECT r.rowid FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE s.user_id = ?1 LIMIT ${ROWS_PER_CHUNK})`,
  },
  byUser("sessions"),
  byUser("email_tokens"),
  byUser("consents"),
  byUser("share_links"),
  byUser("media"),
  byUser("jobs"),
  byUser("credit_holds"),
  byUser("credit_ledger"),
  byUser("credit_balances"),
  byUser("exports"),
  // The development outbox, and mail to the address (sent before the account existed, or to a new
  // address being confirmed: those carry the user id).
  {
    sql: `DELETE FROM email_outbox WHERE rowid IN (
      SELECT rowid FROM email_outbox WHERE user_id = ?1 OR to_address = ?2 LIMIT ${ROWS_PER_CHUNK})`,
    email: true,
  },
  // Rate-limit counters are keyed `<limit>:<user id or email or IP>`; the person's own go now.
  {
    sql: `DELETE FROM rate_limits WHERE rowid IN (
      SELECT rowid FROM rate_limits WHERE substr(key, instr(key, ':') + 1) IN (?1, ?2) LIMIT ${ROWS_PER_CHUNK})`,
    email: true,
  },
];

/** Runs each delete until it removes fewer than a chunk. True when all are done; false when the budget ran out. */
export async function purgeRows(d1: D1Database, userId: string, email: string | null, budget: Budget): Promise<boolean> {
  for (const statement of PURGE_DELETES) {
    const params = statement.email ? [userId, email] : [userId];
    for (;;) {
      if (!budget.spend()) return false;
      const result = await d1.prepare(statement.sql).bind(...params).run();
      if (result.meta.changes < ROWS_PER_CHUNK) break;
    }
  }
  return true;
}
