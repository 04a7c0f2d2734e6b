import { and, eq, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { CREDENTIAL_TOKEN_PURPOSES, voidEmailTokens } from "./email-tokens";
import { revokeAllSessionsQuery } from "./sessions";

/**
 * The writes of a new password, for one batch: the hash, the end of the user's sessions (but
 * `keepSessionId`, the device that changed it), and the voiding of every outstanding verification
 * and reset link (but `keepTokenHash`, the reset link being used, which the caller uses up last).
 * "This wasn't me" links stay usable: they protect the owner from whoever knows the password.
 * `guard` makes every statement conditional (a reset link still usable), so all apply or none.
 * The session statement returns the ended ids, so their live connections can be closed.
 */
export function newPasswordWrites(
  db: Database,
  input: { userId: string; passwordHash: string; reason: string; now: number; keepSessionId?: string; keepTokenHash?: string; guard?: SQL },
) {
  const { userId, now, guard } = input;
  return {
    setHash: db
      .update(users)
      .set({ passwordHash: input.passwordHash })
      .where(guard ? and(eq(users.id, userId), guard) : eq(users.id, userId)),
    endSessions: revokeAllSessionsQuery(db, userId, input.reason, now, { keepSessionId: input.keepSessionId, guard }),
    voidLinks: voidEmailTokens(db, userId, CREDENTIAL_TOKEN_PURPOSES, now, { keepTokenHash: input.keepTokenHash, guard }),
  };
}
