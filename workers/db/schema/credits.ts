import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LEDGER_KINDS } from "../../../shared/credits";

/**
 * Append-only credit ledger. `delta` changes the total (available + held), `heldDelta` the held part:
 * grant +n/0, hold 0/+n, capture −n/−n, release 0/−n, clawback −n/0. `debtDelta` changes the debt: a clawback
 * that falls short +shortfall, a repayment or a staff write-off −n (docs/credits.md). Written only by the Account DO.
 */
export const creditLedger = sqliteTable(
  "credit_ledger",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    delta: integer("delta").notNull(),
    heldDelta: integer("held_delta").notNull(),
    debtDelta: integer("debt_delta").notNull().default(0),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    reference: text("reference"),
    description: text("description").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("credit_ledger_idempotency_unique").on(t.idempotencyKey),
    index("credit_ledger_user_created_idx").on(t.userId, t.createdAt, t.id),
    // The console's overview sums grants, captures and adjustments of the last day and week.
    index("credit_ledger_kind_created_idx").on(t.kind, t.createdAt),
  ],
);

/** The balance projection, written in the same batch as each ledger row. */
export const creditBalances = sqliteTable("credit_balances", {
  userId: text("user_id").primaryKey(),
  available: integer("available").notNull().default(0),
  held: integer("held").notNull().default(0),
  /** Credits a clawback could not take because they were already spent. */
  shortfall: integer("shortfall").notNull().default(0),
  /** Credits owed: shortfall not yet repaid or written off. While above 0, `available` is 0 and holds are refused. */
  debt: integer("debt").notNull().default(0),
  version: integer("version").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/** Credits held for a job until it is captured (success) or released (failure), exactly once. */
export const creditHolds = sqliteTable(
  "credit_holds",
  {
    jobId: text("job_id").primaryKey(),
    userId: text("user_id").notNull(),
    amount: integer("amount").notNull(),
    status: text("status", { enum: ["open", "captured", "released"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    settledAt: integer("settled_at"),
    /** The API key whose call started the job, or null (the web app); its monthly cap counts these holds. */
    apiKeyId: text("api_key_id"),
  },
  (t) => [
    index("credit_holds_user_status_idx").on(t.userId, t.status),
    // A key's spending this month: its holds since the month began.
    index("credit_holds_api_key_created_idx").on(t.apiKeyId, t.createdAt),
  ],
);
