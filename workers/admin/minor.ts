import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { AppError } from "../lib/errors";
import { type DeletionDeps, endAccount } from "../privacy/deletion";
import { guardedUser } from "./guarded-user";

/**
 * "Delete as minor" (privacy policy §9: a minor's data is deleted without delay): the account of
 * `userId` ends now and is purged exactly as a self-deletion is (`endAccount`), without the
 * person's password. `auditRow` commits in the same batch, before the purge pseudonymises it.
 * Staff accounts are refused: they are adults by contract, and a role change comes first.
 */
export async function deleteAsMinor(
  deps: DeletionDeps & { db: Database },
  userId: string,
  auditRow: (targetUserId: string) => BatchItem<"sqlite">,
): Promise<void> {
  const user = await guardedUser(deps.db, userId);
  if (user.role !== "user") throw new AppError("invalid_state", "This is a staff account; change its role before deleting it.");
  await endAccount(deps, user.id, [auditRow(user.id)]);
}
