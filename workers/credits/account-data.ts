import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { creditBalances, creditHolds, creditLedger } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteAllInChunks } from "../privacy/purge-rows";
import { readBalance } from "./balance";

async function readCredits(db: Database, userId: string) {
  const { id, delta, heldDelta, kind, reference, description, balanceAfter, createdAt } = creditLedger;
  const [ledger, balance] = await Promise.all([
    db
      .select({ id, delta, heldDelta, kind, reference, description, balanceAfter, createdAt })
      .from(creditLedger)
      .where(eq(creditLedger.userId, userId))
      .orderBy(asc(createdAt), asc(id))
      .all(),
    readBalance(db.$client, userId),
  ]);
  return { balance, ledger };
}

/**
 * For another capability's final purge statements: gives ledger rows of *other* people whose
 * idempotency key names the erased person (e.g. a referrer's bonus keyed by the referred person's
 * id) a key with `erased` in its place. The rows stay: they are the other person's money.
 */
export function forgetLedgerKeys(db: Database, keys: readonly string[], userId: string, erased: string) {
  return keys.map((key) =>
    db
      .update(creditLedger)
      .set({ idempotencyKey: key.replace(userId, erased) })
      .where(eq(creditLedger.idempotencyKey, key)),
  );
}

/** Credits' part of a person's data: the ledger, its balance projection and open holds. */
export const creditsAccountData: AccountDataContribution = {
  capability: "credits",
  tables: ["credit_ledger", "credit_balances", "credit_holds"],
  exportSections: async (db, userId) => ({ credits: await readCredits(db, userId) }),
  purge: (ctx) =>
    deleteAllInChunks(ctx, [
      [creditHolds, eq(creditHolds.userId, ctx.userId)],
      [creditLedger, eq(creditLedger.userId, ctx.userId)],
      [creditBalances, eq(creditBalances.userId, ctx.userId)],
    ]),
};
