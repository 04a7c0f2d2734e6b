import { eq } from "drizzle-orm";
import { pseudonymiseBilling } from "../billing/pseudonymise";
import { ledgerKeys } from "../billing/ledger-lines";
import { ledgerKey } from "../credits/operations";
import type { Database } from "../db/client";
import { creditLedger, users } from "../db/schema";
import { newId } from "../lib/ids";

/**
 * The purge's last batch (one transaction): billing keeps its payments but loses the person
 * (billing's own statements), other people's rows lose their links to the person, and the user
 * row goes — last, because while it exists (with `deleted_at`) it is what marks an unfinished purge.
 * - Someone the person referred keeps their account, but not who referred them.
 * - The referrer bonus in the referrer's ledger was keyed by the referred person's id; the key is
 *   replaced by a random one (the row stays: it is the referrer's money).
 */
export function finalPurgeStatements(db: Database, userId: string) {
  const referralKeys = [ledgerKey.grant(ledgerKeys.referral(userId, "referrer")), ledgerKey.clawback(ledgerKeys.referral(userId, "referrer"))];
  const erased = `erased-${newId()}`;
  return [
    ...pseudonymiseBilling(db, userId),
    db.update(users).set({ referredBy: null }).where(eq(users.referredBy, userId)),
    ...referralKeys.map((key) =>
      db
        .update(creditLedger)
        .set({ idempotencyKey: key.replace(userId, erased) })
        .where(eq(creditLedger.idempotencyKey, key)),
    ),
    db.delete(users).where(eq(users.id, userId)),
  ] as const;
}
