import { and, eq, isNull, ne } from "drizzle-orm";
import { emailTokens, users } from "../db/schema";
import { sha256Hex } from "../lib/crypto";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { countEvent } from "../lib/rate-limit";
import { newPasswordWrites } from "./credentials";
import { type AuthDeps, appLink } from "./deps";
import { consumeEmailTokenQuery, issueEmailToken, peekEmailToken, usedEmailToken, whileTokenUsable } from "./email-tokens";
import { passwordResetEmail } from "./emails";
import { LIMITS } from "./limits";
import { hashPassword } from "./passwords";
import { assertStrongPassword } from "./signup";
import { addressInUse, findUserByEmail, findUserById, normaliseEmail, type UserRow } from "./users";
import { claimWelcomeCreditsOrLog, type WelcomeCreditDeps } from "./welcome-credits";

const INVALID_LINK = "This link is invalid or has expired. Ask for a new one.";

/**
 * Sends a reset link if the address has an account. The caller answers 202 either way, and
 * delivery happens after the response, so the answer tells nothing about who has an account.
 */
export async function requestPasswordReset(deps: AuthDeps, emailInput: string): Promise<void> {
  const email = normaliseEmail(emailInput);
  const { allowed } = await countEvent(deps.db.$client, LIMITS.emailsPerAddress, email, deps.now);
  const user = allowed ? await findUserByEmail(deps.db, email) : undefined;
  if (!user) return;
  const token = await issueEmailToken(deps.db, { userId: user.id, purpose: "reset_password", email, now: deps.now });
  deps.deliver(passwordResetEmail(email, user.id, user.name, appLink(deps, "/reset-password", token)));
}

/**
 * Sets a new password from a reset link and ends every session (the link proves the mailbox,
 * not the device). A weak password is refused before the link is used up, so the person can retry.
 */
export async function resetPassword(deps: AuthDeps, input: { token: string; password: string }): Promise<{ userId: string }> {
  const peek = await peekEmailToken(deps.db, input.token, "reset_password", deps.now);
  const user = peek ? await findUserById(deps.db, peek.userId) : undefined;
  if (!user) throw new AppError("invalid_token", INVALID_LINK);
  await assertStrongPassword(input.password, [user.email, user.name]);
  const tokenHash = await sha256Hex(input.token);
  const writes = newPasswordWrites(deps.db, {
    userId: user.id,
    passwordHash: await hashPassword(input.password),
    reason: "password_reset",
    now: deps.now,
    keepTokenHash: tokenHash,
    guard: whileTokenUsable(deps.db, tokenHash, "reset_password", deps.now),
  });
  // One batch: every write is conditional on the link, and the link is used up last, so two
  // resets racing with one link leave exactly one password, and a failure leaves none half-done.
  const [, , , consumed] = await deps.db.batch([
    writes.setHash,
    writes.endSessions,
    writes.voidLinks,
    consumeEmailTokenQuery(deps.db, tokenHash, "reset_password", deps.now),
  ]);
  if (consumed.length === 0) throw new AppError("invalid_token", INVALID_LINK);
  return { userId: user.id };
}

const alreadyVerified = () => new AppError("already_verified", "This address is already verified.");

/** Whether `token` is a used verification link whose address its account holds, verified, today (a link opened twice). */
async function alreadyVerifiedBy(deps: AuthDeps, token: string): Promise<boolean> {
  const used = await usedEmailToken(deps.db, token, "verify_email");
  const user = used ? await findUserById(deps.db, used.userId) : undefined;
  return user !== undefined && user.email === used?.email && user.emailVerifiedAt !== null;
}

/**
 * Confirms an address from a verification link. For an email change this is when the new
 * address replaces the old one, unless someone else registered it meanwhile (409). A link opened
 * again after it worked answers 409 `already_verified` (nothing changes), so the page can say so
 * instead of "this link does not work".
 */
export async function verifyEmail(deps: AuthDeps, token: string, welcome: WelcomeCreditDeps): Promise<UserRow> {
  const claim = await peekEmailToken(deps.db, token, "verify_email", deps.now);
  const user = claim ? await findUserById(deps.db, claim.userId) : undefined;
  if (!claim || !user) throw (await alreadyVerifiedBy(deps, token)) ? alreadyVerified() : new AppError("invalid_token", INVALID_LINK);
  const taken = () => new AppError("email_taken", "Another account uses this email now.");
  if (claim.email !== user.email && (await addressInUse(deps.db, claim.email))) throw taken();
  // One batch, conditional on the link and using it up last, so a refusal (a lost race, the
  // address taken in between) writes nothing: the unique index then rolls the whole batch back.
  const tokenHash = await sha256Hex(token);
  const guard = whileTokenUsable(deps.db, tokenHash, "verify_email", deps.now);
  const confirm = deps.db
    .update(users)
    .set({ email: claim.email, emailVerifiedAt: deps.now })
    .where(and(eq(users.id, user.id), guard))
    .returning();
  // Links sent earlier (to this or another address) are superseded by the one being used.
  const supersede = deps.db
    .update(emailTokens)
    .set({ usedAt: deps.now })
    .where(
      and(
        eq(emailTokens.userId, user.id),
        eq(emailTokens.purpose, "verify_email"),
        isNull(emailTokens.usedAt),
        ne(emailTokens.tokenHash, tokenHash),
        guard,
      ),
    );
  const batch = deps.db
    .batch([confirm, supersede, consumeEmailTokenQuery(deps.db, tokenHash, "verify_email", deps.now)])
    .catch((error: unknown) => {
      throw isUniqueViolation(error, "users.email") ? taken() : error;
    });
  const [[updated], , consumed] = await batch;
  if (!updated || consumed.length === 0) throw new AppError("invalid_token", INVALID_LINK);
  // The welcome credits wait for a verified address, once per address (welcome-credits.ts).
  await claimWelcomeCreditsOrLog(welcome, user.id, claim.email);
  return updated;
}
