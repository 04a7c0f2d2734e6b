import { and, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { selfServeRequest } from "../admin/data-requests-store";
import { hasPassword, NO_PASSWORD_YET, verifyPassword } from "../auth/passwords";
import { revokeAllSessions } from "../auth/sessions";
import { findUserById } from "../auth/users";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { cancelInFlightJobs } from "../generation/account-data";
import { AppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import { PRIVACY_LIMITS } from "./limits";
import type { EnqueueTask } from "./tasks";

export interface DeletionDeps {
  db: Database;
  now: number;
  /** Closes every live connection of the user (their Account object's sockets). */
  closeLive(userId: string): Promise<void>;
  enqueue: EnqueueTask;
}

function log(level: "warn" | "error", event: string, fields: Record<string, unknown>): void {
  console[level](JSON.stringify({ level, event, ...fields }));
}

/**
 * `DELETE /api/account`: after the password is checked again, the account ends at once through
 * `endAccount`, with a fulfilled data request recorded.
 */
export async function deleteAccount(deps: DeletionDeps, userId: string, password: string): Promise<void> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError("unauthenticated", "Please sign in.");
  await enforceRateLimit(deps.db.$client, PRIVACY_LIMITS.deletePerUser, userId, deps.now);
  if (!hasPassword(user.passwordHash)) {
    throw new AppError("validation_failed", NO_PASSWORD_YET, { issues: [{ path: "password", message: NO_PASSWORD_YET }] });
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError("validation_failed", "That is not your password, so nothing was deleted.", {
      issues: [{ path: "password", message: "This is not your password." }],
    });
  }
  // The request's record for staff (P31), pseudonymised by the purge like the rest of the person.
  const record = selfServeRequest(
    deps.db,
    userId,
    "erasure",
    "Self-serve deletion: the account ended at once and its purge was queued.",
    deps.now,
  );
  await endAccount(deps, userId, [record]);
}

/**
 * Ends the account at once and queues its purge — the one path of every erasure (self-serve and
 * staff's "delete as minor"): marked deleted (no sign-in, and every request of its sessions fails,
 * from this instant), sessions revoked, live sockets closed, queued and running jobs canceled.
 * `records` (the data request, or a staff action's audit row) commit in the same batch, before
 * the purge can run and pseudonymise them. If the enqueue fails, the cron re-sends purges for
 * accounts still marked deleted.
 */
export async function endAccount(deps: DeletionDeps, userId: string, records: BatchItem<"sqlite">[]): Promise<void> {
  await deps.db.batch([
    deps.db
      .update(users)
      .set({ deletedAt: deps.now })
      .where(and(eq(users.id, userId), isNull(users.deletedAt))),
    cancelInFlightJobs(deps.db, userId, deps.now),
    ...records,
  ]);
  await revokeAllSessions(deps.db, userId, "account_deleted", deps.now);
  await deps.closeLive(userId).catch((error: unknown) => log("warn", "live_close_failed", { userId, error: String(error) }));
  await deps
    .enqueue({ type: "purge", userId, final: false })
    .catch((error: unknown) => log("error", "purge_not_queued", { userId, error: String(error) }));
}
