import { eq } from "drizzle-orm";
import type { SignupInput } from "../../shared/auth";
import { POLICY_VERSION } from "../../shared/policy";
import { consents, users } from "../db/schema";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { type AuthDeps, appLink } from "./deps";
import { issueEmailToken } from "./email-tokens";
import { verificationEmail } from "./emails";
import { judgePassword } from "./password-strength";
import { hashPassword } from "./passwords";
import { findUserByEmail, newReferralCode, normaliseEmail, type UserRow } from "./users";

/** Sign-up's dependencies (the welcome credits wait for the address to be verified: welcome-credits.ts). */
export type SignupDeps = AuthDeps;

/** Refuses a weak password with the estimator's advice as a field issue. */
export async function assertStrongPassword(password: string, personal: string[]): Promise<void> {
  const verdict = await judgePassword(password, personal);
  if (!verdict.ok) {
    throw new AppError("weak_password", "Choose a stronger password.", {
      issues: [{ path: "password", message: verdict.message }],
    });
  }
}

/** The account whose referral code this is, if any. */
export async function referrerId(deps: Pick<AuthDeps, "db">, code: string | undefined): Promise<string | null> {
  if (!code) return null;
  const row = await deps.db.select({ id: users.id }).from(users).where(eq(users.referralCode, code.toUpperCase())).get();
  return row?.id ?? null;
}

/**
 * Creates an account: the user row and the acceptance of the Terms and the Privacy Policy (with
 * the policy version) in one batch, then the verification email. No credits yet: the welcome
 * grant comes when the address is verified (recovery.ts), once per address.
 */
export async function signUp(deps: SignupDeps, input: SignupInput & { browser?: string | null }): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  await assertStrongPassword(input.password, [email, input.name]);
  if (await findUserByEmail(deps.db, email)) {
    throw new AppError("email_taken", "An account with this email already exists. Sign in instead.");
  }
  const user: UserRow = {
    id: newId(deps.now),
    email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    emailVerifiedAt: null,
    role: "user",
    ageConfirmedAt: deps.now,
    referralCode: newReferralCode(),
    referredBy: await referrerId(deps, input.referralCode),
    flaggedAt: null,
    flagReason: null,
    processingRestrictedAt: null,
    suspendedAt: null,
    createdAt: deps.now,
    deletedAt: null,
  };
  const consent = (purpose: "terms" | "privacy_policy") => ({
    id: newId(deps.now),
    userId: user.id,
    purpose,
    policyVersion: POLICY_VERSION,
    granted: true,
    createdAt: deps.now,
  });
  try {
    await deps.db.batch([
      deps.db.insert(users).values(user),
      deps.db.insert(consents).values([consent("terms"), consent("privacy_policy")]),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, "users.email")) {
      throw new AppError("email_taken", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
  const token = await issueEmailToken(deps.db, { userId: user.id, purpose: "verify_email", email, now: deps.now });
  deps.deliver(verificationEmail(email, user.id, user.name, appLink(deps, "/verify-email", token)));
  return user;
}
