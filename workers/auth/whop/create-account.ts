import { POLICY_VERSION } from "../../../shared/policy";
import type { WhopSignupInput } from "../../../shared/whop-sign-in";
import { consents, users } from "../../db/schema";
import { isUniqueViolation } from "../../lib/db-errors";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { AuthDeps } from "../deps";
import { NO_PASSWORD } from "../passwords";
import { referrerId } from "../signup";
import { newReferralCode, type UserRow } from "../users";
import { insertWhopIdentity } from "./identities";
import type { PendingWhopSignIn } from "./round-trip-cookie";

const taken = () => new AppError("email_taken", "An account with this email already exists. Sign in with its password to connect Whop.");

/**
 * A new person's account from their Whop identity, once they confirmed 18+ and the policies: the
 * user row (no password of its own), the two consents exactly as sign-up records them, and the
 * Whop link, in one batch, so a refusal leaves nothing. Only an address Whop said is verified gets
 * here (`resolveSignIn`), so the account starts verified and the caller claims the welcome credits.
 */
export async function createWhopAccount(deps: AuthDeps, pending: PendingWhopSignIn, input: WhopSignupInput): Promise<UserRow> {
  if (!pending.email || !pending.emailVerified) {
    throw new AppError("invalid_state", "Whop did not share a verified email address, so no account can be made.");
  }
  const user: UserRow = {
    id: newId(deps.now),
    email: pending.email,
    name: input.name,
    passwordHash: NO_PASSWORD,
    emailVerifiedAt: deps.now,
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
      insertWhopIdentity(deps.db, { userId: user.id, subject: pending.subject, email: pending.email, now: deps.now }),
    ]);
  } catch (error) {
    // Someone took the address (or linked this Whop account) in the minutes since Whop answered.
    if (isUniqueViolation(error, "users.email")) throw taken();
    if (isUniqueViolation(error, "linked_identities"))
      throw new AppError("conflict", "This Whop account is already connected to an account.");
    throw error;
  }
  return user;
}
