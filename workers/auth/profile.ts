import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { UpdateMeInput } from "../../shared/auth";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { countEvent } from "../lib/rate-limit";
import { newPasswordWrites } from "./credentials";
import { type AuthDeps, appLink } from "./deps";
import { prepareEmailChange } from "./email-change";
import { issueEmailToken } from "./email-tokens";
import { passwordChangedEmail, verificationEmail } from "./emails";
import { LIMITS } from "./limits";
import { hashPassword, hasPassword, NO_PASSWORD_YET, verifyPassword } from "./passwords";
import { assertStrongPassword } from "./signup";
import { mustFindUser, normaliseEmail, type UserRow } from "./users";

/** Mails `user` a verification link for `target` (their current address). */
async function mailVerificationLink(deps: AuthDeps, user: UserRow, target: string): Promise<void> {
  const { allowed } = await countEvent(deps.db.$client, LIMITS.emailsPerAddress, target, deps.now);
  if (!allowed) throw new AppError("rate_limited", "We sent several emails already. Please check your inbox and wait a while.");
  const token = await issueEmailToken(deps.db, { userId: user.id, purpose: "verify_email", email: target, now: deps.now });
  deps.deliver(verificationEmail(target, user.id, user.name, appLink(deps, "/verify-email", token)));
}

/** Sends a new verification link to the user's current address. */
export async function sendVerification(deps: AuthDeps, userId: string): Promise<void> {
  const user = await mustFindUser(deps.db, userId);
  await mailVerificationLink(deps, user, user.email);
}

/**
 * Renames at once; an email change only starts (see prepareEmailChange). Every check runs before
 * anything is written, and the writes go in one batch, so a refused request changes nothing.
 */
export async function updateProfile(deps: AuthDeps, userId: string, input: UpdateMeInput): Promise<UserRow> {
  const user = await mustFindUser(deps.db, userId);
  const name = input.name !== undefined && input.name !== user.name ? input.name : undefined;
  const email = input.email === undefined ? undefined : normaliseEmail(input.email);
  const change =
    email !== undefined && email !== user.email ? await prepareEmailChange(deps, user, email, input.currentPassword) : undefined;
  const writes: BatchItem<"sqlite">[] = [
    ...(name === undefined ? [] : [deps.db.update(users).set({ name }).where(eq(users.id, userId))]),
    ...(change?.writes ?? []),
  ];
  const [first, ...rest] = writes;
  if (first) await deps.db.batch([first, ...rest]);
  const updated = { ...user, name: name ?? user.name };
  change?.send(updated.name);
  return updated;
}

/**
 * Changes the password after checking the current one (each check counts against a per-user
 * limit first, so a stolen session cannot guess quickly). One batch sets the hash, signs out the
 * other devices and voids outstanding email links. Returns the ended sessions, whose live
 * connections the caller closes.
 */
export async function changePassword(
  deps: AuthDeps,
  auth: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessionIds: string[] }> {
  const user = await mustFindUser(deps.db, auth.userId);
  const { allowed, retryAfterSeconds } = await countEvent(deps.db.$client, LIMITS.passwordChangePerUser, user.id, deps.now);
  if (!allowed) throw new AppError("rate_limited", "Too many password changes. Please wait a while and try again.", { retryAfterSeconds });
  if (!hasPassword(user.passwordHash)) {
    throw new AppError("validation_failed", NO_PASSWORD_YET, { issues: [{ path: "currentPassword", message: NO_PASSWORD_YET }] });
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "Your current password is not right.", {
      issues: [{ path: "currentPassword", message: "This is not your current password." }],
    });
  }
  await assertStrongPassword(input.newPassword, [user.email, user.name]);
  const writes = newPasswordWrites(deps.db, {
    userId: user.id,
    passwordHash: await hashPassword(input.newPassword),
    reason: "password_changed",
    now: deps.now,
    keepSessionId: auth.sessionId,
  });
  const [, ended] = await deps.db.batch([writes.setHash, writes.endSessions, writes.voidLinks]);
  deps.deliver(passwordChangedEmail(user.email, user.id, user.name));
  return { endedSessionIds: ended.map((row) => row.id) };
}
