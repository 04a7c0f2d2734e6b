import { and, desc, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import type { FlaggedPage } from "../../shared/admin-ops";
import type { AccountApi } from "../credits/contract";
import type { Database } from "../db/client";
import { creditBalances, users } from "../db/schema";
import { AppError } from "../lib/errors";

/** The console shows at most this many; a longer review queue is worked from the top. */
const FLAGGED_LIMIT = 200;

/** Live accounts under review: flagged (`users.flagged_at`) or with an open credit debt, newest flag first. */
export async function listFlagged(db: Database): Promise<FlaggedPage> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      flaggedAt: users.flaggedAt,
      flagReason: users.flagReason,
      debt: creditBalances.debt,
      available: creditBalances.available,
    })
    .from(users)
    .leftJoin(creditBalances, eq(creditBalances.userId, users.id))
    .where(and(isNull(users.deletedAt), or(isNotNull(users.flaggedAt), gt(creditBalances.debt, 0))))
    .orderBy(desc(users.flaggedAt), users.id)
    .limit(FLAGGED_LIMIT);
  return { items: rows.map((row) => ({ ...row, debt: row.debt ?? 0, available: row.available ?? 0 })) };
}

/**
 * Ends a review through the Account object's `clearFlag`: the flag is lifted and any open debt
 * written off, in one ledger row keyed by `key`, so a retried request clears once.
 */
export async function clearAccountFlag(
  account: Pick<AccountApi, "clearFlag">,
  args: { key: string; actorId: string; reason: string },
): Promise<void> {
  const result = await account.clearFlag(args.key, args.actorId, args.reason);
  if (!result.ok) throw new AppError("invalid_state", "This account is neither flagged nor in debt; there is nothing to clear.");
}
