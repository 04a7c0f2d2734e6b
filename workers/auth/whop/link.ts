import type { Database } from "../../db/client";
import { isUniqueViolation } from "../../lib/db-errors";
import { AppError } from "../../lib/errors";
import { type LoginDeps, logIn } from "../login";
import { acceptSecondFactor } from "../two-factor/codes";
import { twoFactorEnabled } from "../two-factor/store";
import { findUserById, type UserRow } from "../users";
import { insertWhopIdentity } from "./identities";
import type { PendingWhopSignIn } from "./round-trip-cookie";

const alreadyLinked = () =>
  new AppError(
    "conflict",
    "This Whop account is already connected to an Ausar account, or this account already has a Whop account connected.",
  );

/** Links the Whop identity to `userId`; refused when either side is already linked. */
export async function linkWhop(
  db: Database,
  userId: string,
  identity: { subject: string; email: string | null },
  now: number,
): Promise<void> {
  try {
    await insertWhopIdentity(db, { userId, subject: identity.subject, email: identity.email, now });
  } catch (error) {
    if (isUniqueViolation(error, "linked_identities")) throw alreadyLinked();
    throw error;
  }
}

/**
 * An existing account proves it is theirs before Whop is linked: its password, once, through the
 * same throttled check as sign-in (so this is no side door for guessing), and its two-factor code
 * when that is on. Only then is the link written. Returns the account and whether a code was proved.
 */
export async function linkByPassword(
  deps: LoginDeps,
  pending: PendingWhopSignIn,
  input: { password: string; code?: string; ip: string },
): Promise<{ user: UserRow; secondFactor: boolean }> {
  const account = pending.userId ? await findUserById(deps.db, pending.userId) : undefined;
  if (!account || pending.step !== "link") throw new AppError("invalid_state", "This Whop sign-in has expired. Start again.");
  const user = await logIn(deps, { email: account.email, password: input.password, ip: input.ip });
  const needsCode = await twoFactorEnabled(deps.db, user.id);
  if (needsCode && !input.code) {
    throw new AppError("validation_failed", "Enter the code from your authenticator app too.", {
      issues: [{ path: "code", message: "Enter the 6-digit code from your authenticator app, or a recovery code." }],
    });
  }
  if (needsCode && input.code) await acceptSecondFactor(deps.db, user.id, input.code, deps.now);
  await linkWhop(deps.db, user.id, pending, deps.now);
  return { user, secondFactor: needsCode };
}
