import type { Database } from "../../db/client";
import { twoFactorEnabled } from "../two-factor/store";
import { findUserByEmail, type UserRow } from "../users";
import { WhopSignInError } from "./errors";
import { userOfWhopSubject } from "./identities";
import type { WhopIdentity } from "./oidc";
import type { PendingWhopSignIn } from "./round-trip-cookie";

/** What a verified Whop identity leads to when someone signs in with it. */
export type SignInOutcome = { kind: "signed_in"; user: UserRow } | { kind: "pending"; pending: PendingWhopSignIn };

/**
 * The rule (docs/auth.md): a linked Whop id signs its account in (after the two-factor code, when
 * that is on); an unlinked one whose email belongs to an account links nothing until that
 * account's password is given once; a new email becomes an account only when Whop says it is
 * verified, and only after the person confirms 18+ and the policies. An unverified address makes
 * nothing: anyone can type any address at Whop, and an account made from it would squat the
 * mailbox's real owner. Nothing is written here.
 */
export async function resolveSignIn(db: Database, identity: WhopIdentity): Promise<SignInOutcome> {
  const pending = (step: PendingWhopSignIn["step"], userId: string | null): SignInOutcome => ({
    kind: "pending",
    pending: { phase: "pending", step, ...identity, userId },
  });
  const known = await userOfWhopSubject(db, identity.subject);
  if (known) {
    if (known.suspendedAt !== null) throw new WhopSignInError("suspended");
    return (await twoFactorEnabled(db, known.id)) ? pending("second_factor", known.id) : { kind: "signed_in", user: known };
  }
  if (!identity.email) throw new WhopSignInError("no_email");
  const owner = await findUserByEmail(db, identity.email);
  if (owner) return pending("link", owner.id);
  if (!identity.emailVerified) throw new WhopSignInError("unverified_email");
  return pending("sign_up", null);
}
