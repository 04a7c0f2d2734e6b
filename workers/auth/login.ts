import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { countEvent, currentCount, enforceRateLimit } from "../lib/rate-limit";
import type { AuthDeps } from "./deps";
import { LIMITS } from "./limits";
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./passwords";
import { findUserByEmail, normaliseEmail, type UserRow } from "./users";

const BAD_CREDENTIALS = "That email and password do not match an account.";

/**
 * Checks credentials. Unknown email and wrong password get the same answer after the same
 * work (a decoy hash is verified), so sign-in cannot be used to find out who has an account.
 * Too many failures for one account lock it for the window, even for the right password.
 * It sends no email, so it needs no sender: a mail misconfiguration never blocks sign-in.
 */
export async function logIn(deps: Pick<AuthDeps, "db" | "now">, input: { email: string; password: string; ip: string }): Promise<UserRow> {
  const d1 = deps.db.$client;
  const email = normaliseEmail(input.email);
  await enforceRateLimit(d1, LIMITS.loginPerIp, input.ip, deps.now);
  const failures = await currentCount(d1, LIMITS.loginFailuresPerAccount, email, deps.now);
  if (failures >= LIMITS.loginFailuresPerAccount.max) {
    throw new AppError("rate_limited", "Too many failed sign-ins. Please wait a few minutes and try again.", {
      retryAfterSeconds: Math.ceil(LIMITS.loginFailuresPerAccount.windowMs / 1000),
    });
  }
  const user = await findUserByEmail(deps.db, email);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid) {
    await countEvent(d1, LIMITS.loginFailuresPerAccount, email, deps.now);
    throw new AppError("invalid_credentials", BAD_CREDENTIALS);
  }
  if (needsRehash(user.passwordHash)) {
    await deps.db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, user.id));
  }
  return user;
}
