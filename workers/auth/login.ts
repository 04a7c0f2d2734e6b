import { eq } from "drizzle-orm";
import { CONTACT_EMAIL } from "../../shared/policy";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import type { AuthDeps } from "./deps";
import { LIMITS, LOGIN_THROTTLE } from "./limits";
import { claimAttempt, throttleKey, trustPair } from "./login-throttle";
import { decoyPasswordHash, hashPassword, hasPassword, needsRehash, verifyPassword } from "./passwords";
import { findUserByEmail, normaliseEmail, type UserRow } from "./users";

const BAD_CREDENTIALS = "That email and password do not match an account.";

/** What sign-in needs: the database, the time, and the secret the throttle keys are derived from. */
export type LoginDeps = Pick<AuthDeps, "db" | "now"> & { throttleSecret: string };

/** "15 seconds", "3 minutes": the wait, said the way a person reads it. */
function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The refusal of a suspended account's sign-in, whatever the way in (password or passkey). */
export const suspended = () =>
  new AppError(
    "account_suspended",
    `This account is suspended, so it cannot sign in. Write to ${CONTACT_EMAIL} if you think this is a mistake.`,
  );

const slowDown = (retryAfterSeconds: number) =>
  new AppError("rate_limited", `Too many sign-in attempts. Please wait ${waitInWords(retryAfterSeconds)} and try again.`, {
    retryAfterSeconds,
  });

/**
 * Counts the attempt against the (account, address bucket) pair and, unless the owner signed in
 * from this bucket lately, against the account; both before the password is checked, so parallel
 * guesses cannot slip past the count. Unknown emails are throttled alike, so throttling reveals
 * nothing about who has an account. Returns the pair's key, for the reset on success.
 */
async function admitAttempt(deps: LoginDeps, email: string, ip: string): Promise<string> {
  const d1 = deps.db.$client;
  await enforceRateLimit(d1, LIMITS.loginPerIp, ip, deps.now);
  const pairKey = await throttleKey(deps.throttleSecret, ["pair", email, ip]);
  const pair = await claimAttempt(d1, pairKey, LOGIN_THROTTLE.perAddress, deps.now);
  if (!pair.ok) throw slowDown(pair.retryAfterSeconds);
  if (!pair.trusted) {
    const account = await claimAttempt(d1, await throttleKey(deps.throttleSecret, ["account", email]), LOGIN_THROTTLE.perAccount, deps.now);
    if (!account.ok) throw slowDown(account.retryAfterSeconds);
  }
  return pairKey;
}

/**
 * Checks credentials. Unknown email and wrong password get the same answer after the same
 * work (a decoy hash is verified), so sign-in cannot be used to find out who has an account.
 * Repeated attempts are slowed with growing delays (429 + Retry-After), never locked for good.
 * It sends no email, so it needs no sender: a mail misconfiguration never blocks sign-in.
 */
export async function logIn(deps: LoginDeps, input: { email: string; password: string; ip: string }): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const pairKey = await admitAttempt(deps, email, input.ip);
  const user = await findUserByEmail(deps.db, email);
  // An account without a password (made through Whop) is checked against the decoy too: same time, same answer.
  const stored = user && hasPassword(user.passwordHash) ? user.passwordHash : await decoyPasswordHash();
  const valid = (await verifyPassword(input.password, stored)) && user !== undefined && hasPassword(user.passwordHash);
  if (!user || !valid) throw new AppError("invalid_credentials", BAD_CREDENTIALS);
  // Only after the password matched, so the answer tells a guesser nothing about the account.
  if (user.suspendedAt !== null) throw suspended();
  await trustPair(deps.db.$client, pairKey, LOGIN_THROTTLE.trustMs, deps.now);
  if (needsRehash(user.passwordHash)) {
    await deps.db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, user.id));
  }
  return user;
}
