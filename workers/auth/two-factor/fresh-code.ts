import type { Database } from "../../db/client";
import { acceptTotpCode } from "./codes";

/**
 * A staff member's step-up before a destructive action: a current code from their authenticator,
 * usable once (the same code cannot also pass a second action). Throws 400 `invalid_code`, or 429
 * past the per-person limit. Recovery codes do not count here: they are for getting back in.
 */
export function verifyFreshCode(db: Database, userId: string, code: string, now: number): Promise<void> {
  return acceptTotpCode(db, userId, code, now);
}
