import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { creditBalances, creditLedger } from "../db/schema";
import { readBalance } from "./balance";
import type { Balance } from "./contract";
import { ledgerKey } from "./operations";

/** The balance with the lifetime shortfall (credits a clawback could not take), for staff. */
export async function readStanding(db: Database, userId: string): Promise<{ balance: Balance; shortfall: number }> {
  const [balance, row] = await Promise.all([
    readBalance(db.$client, userId),
    db.select({ shortfall: creditBalances.shortfall }).from(creditBalances).where(eq(creditBalances.userId, userId)).get(),
  ]);
  return { balance, shortfall: row?.shortfall ?? 0 };
}

/** Whether the staff adjustment keyed `key` was already written for this person (a replayed request). */
export async function adjustmentWritten(db: Database, userId: string, key: string): Promise<boolean> {
  const row = await db
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.idempotencyKey, ledgerKey.adjust(key)), eq(creditLedger.userId, userId)))
    .get();
  return row !== undefined;
}

/** Credits moved since `day` and `week`: granted (grants), spent (captures) and staff adjustments (net). */
export interface CreditFlows {
  granted: { day: number; week: number };
  spent: { day: number; week: number };
  adjusted: { day: number; week: number };
}

/** Sums the ledger's grant, capture and adjust rows of the last week (a range on `credit_ledger_kind_created_idx`). */
export async function creditFlows(db: Database, since: { day: number; week: number }): Promise<CreditFlows> {
  const rows = await db
    .select({
      kind: creditLedger.kind,
      day: sql<number>`COALESCE(SUM(CASE WHEN ${creditLedger.createdAt} >= ${since.day} THEN ${creditLedger.delta} END), 0)`,
      week: sql<number>`COALESCE(SUM(${creditLedger.delta}), 0)`,
    })
    .from(creditLedger)
    .where(and(inArray(creditLedger.kind, ["grant", "capture", "adjust"]), gte(creditLedger.createdAt, since.week)))
    .groupBy(creditLedger.kind);
  const of = (kind: string, sign = 1) => {
    const row = rows.find((r) => r.kind === kind);
    return { day: sign * (row?.day ?? 0), week: sign * (row?.week ?? 0) };
  };
  return { granted: of("grant"), spent: of("capture", -1), adjusted: of("adjust") };
}
