import { and, eq, isNull, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { emailTokens, users } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { countEvent } from "../lib/rate-limit";
import { type AuthDeps, appLink } from "./deps";
import { consumeEmailTokenQuery, peekEmailToken, prepareEmailToken, whileTokenUsable } from "./email-tokens";
import { emailChangeNotice, verificationEmail } from "./emails";
import { LIMITS } from "./limits";
import { hasPassword, NO_PASSWORD_YET, verifyPassword } from "./passwords";
import { revokeAllSessionsQuery } from "./sessions";
import { addressInUse, findUserById, type UserRow } from "./users";

const INVALID_LINK = "This link is invalid or has expired.";

/** An email change that passed every check: the writes for the caller's batch and the emails to send after it. */
export interface EmailChange {
  writes: BatchItem<"sqlite">[];
  /** Delivers the emails, addressed with the name the account has once the batch committed. */
  send(name: string): void;
}

const passwordIssue = (message: string) => new AppError("validation_failed", message, { issues: [{ path: "currentPassword", message }] });

/** Refuses the change unless the current password is given and right; each try counts against the per-user limit first. */
async function reauthenticate(deps: AuthDeps, user: UserRow, currentPassword: string | undefined): Promise<void> {
  if (!currentPassword) throw passwordIssue("Enter your current password to change your email.");
  const { allowed, retryAfterSeconds } = await countEvent(deps.db.$client, LIMITS.emailChangePerUser, user.id, deps.now);
  if (!allowed) throw new AppError("rate_limited", "Too many email changes. Please wait a while and try again.", { retryAfterSeconds });
  if (!hasPassword(user.passwordHash)) throw passwordIssue(NO_PASSWORD_YET);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw passwordIssue("This is not your current password.");
}

/**
 * Checks an email change and prepares it; nothing is written here. The answer is the same whether
 * or not another account uses the new address: a pending change is recorded either way (a
 * verification token, so the requester sees "check your inbox"), but a taken address is sent
 * nothing, so its owner learns nothing and the requester learns nothing. The old address is told,
 * with a "this wasn't me" link. Earlier pending changes are superseded.
 */
export async function prepareEmailChange(
  deps: AuthDeps,
  user: UserRow,
  email: string,
  currentPassword: string | undefined,
): Promise<EmailChange> {
  await reauthenticate(deps, user, currentPassword);
  const { allowed } = await countEvent(deps.db.$client, LIMITS.emailsPerAddress, email, deps.now);
  if (!allowed) throw new AppError("rate_limited", "We sent several emails already. Please check your inbox and wait a while.");
  const taken = await addressInUse(deps.db, email);
  const verify = await prepareEmailToken(deps.db, { userId: user.id, purpose: "verify_email", email, now: deps.now });
  const cancel = await prepareEmailToken(deps.db, { userId: user.id, purpose: "cancel_email_change", email: user.email, now: deps.now });
  const supersede = deps.db
    .update(emailTokens)
    .set({ usedAt: deps.now })
    .where(
      and(
        eq(emailTokens.userId, user.id),
        eq(emailTokens.purpose, "verify_email"),
        isNull(emailTokens.usedAt),
        ne(emailTokens.email, user.email),
      ),
    );
  return {
    writes: [supersede, verify.insert, cancel.insert],
    send(name) {
      if (!taken) deps.deliver(verificationEmail(email, user.id, name, appLink(deps, "/verify-email", verify.token)));
      deps.deliver(emailChangeNotice(user.email, user.id, name, email, appLink(deps, "/cancel-email-change", cancel.token)));
    },
  };
}

/**
 * "This wasn't me", from the notice sent to the old address; works signed out, the token is the
 * proof. Cancels a pending change, or moves the account back to the old address if the change went
 * through (unless another account took that address meanwhile), voids every verification and reset
 * link, and ends every session. One batch, conditional on the link, so a second click writes nothing.
 * Returns the user and the address the account now has; the caller closes the live connections.
 */
export async function cancelEmailChange(deps: AuthDeps, token: string): Promise<{ userId: string; email: string }> {
  const claim = await peekEmailToken(deps.db, token, "cancel_email_change", deps.now);
  const user = claim ? await findUserById(deps.db, claim.userId) : undefined;
  if (!claim || !user) throw new AppError("invalid_token", INVALID_LINK);
  const restore = user.email !== claim.email && !(await addressInUse(deps.db, claim.email));
  const tokenHash = await sha256Hex(token);
  const guard = whileTokenUsable(deps.db, tokenHash, "cancel_email_change", deps.now);
  const restoreEmail = deps.db
    .update(users)
    // Clicking the link proves the old mailbox, so the restored address counts as verified.
    .set({ email: claim.email, emailVerifiedAt: deps.now })
    .where(and(eq(users.id, user.id), guard));
  const voidLinks = deps.db
    .update(emailTokens)
    .set({ usedAt: deps.now })
    .where(and(eq(emailTokens.userId, user.id), ne(emailTokens.purpose, "cancel_email_change"), isNull(emailTokens.usedAt), guard));
  const endSessions = revokeAllSessionsQuery(deps.db, user.id, "email_change_cancelled", deps.now, { guard });
  // The link is used up last: the statements before it see it still usable, or all see it used.
  const consume = consumeEmailTokenQuery(deps.db, tokenHash, "cancel_email_change", deps.now);
  const consumed = restore
    ? (await deps.db.batch([voidLinks, endSessions, restoreEmail, consume]))[3]
    : (await deps.db.batch([voidLinks, endSessions, consume]))[2];
  if (consumed.length === 0) throw new AppError("invalid_token", INVALID_LINK);
  return { userId: user.id, email: restore ? claim.email : user.email };
}
