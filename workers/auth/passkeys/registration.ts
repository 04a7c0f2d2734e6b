import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { z } from "zod";
import type { passkeyRegistrationSchema } from "../../../shared/passkeys";
import type { Database } from "../../db/client";
import { toBase64Url } from "../../lib/crypto";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { hasPassword, NO_PASSWORD_YET, verifyPassword } from "../passwords";
import { twoFactorEnabled } from "../two-factor/store";
import type { UserRow } from "../users";
import { claimChallenge, storeChallenge } from "./challenges";
import { MAX_PASSKEYS_PER_USER, PASSKEY_LIMITS } from "./limits";
import type { RelyingParty } from "./relying-party";
import { insertPasskey, type PasskeyRow, passkeysOf } from "./store";

/** What adding a passkey needs: the database, the time and who the passkey is for. */
export interface PasskeyDeps {
  db: Database;
  now: number;
  rp: RelyingParty;
}

/**
 * Options as JSON answers them. Ausar asks for no extensions; the field's type (PRF inputs are
 * binary) has no JSON form, so it is left out rather than sent empty.
 */
export function withoutExtensions<T extends { extensions?: unknown }>(options: T): Omit<T, "extensions"> {
  const { extensions: _none, ...rest } = options;
  return rest;
}

const passwordIssue = (message: string) => new AppError("validation_failed", message, { issues: [{ path: "currentPassword", message }] });

/**
 * The first step of adding a passkey, for the signed-in person: their password again (counted per
 * person before it is checked), and, with two-factor on, a session that proved it, so a stolen
 * session cannot plant a passkey that would outlive it and skip the second factor. Answers the
 * options for `navigator.credentials.create()`: a discoverable credential with user verification,
 * none of the person's existing passkeys again. The challenge is kept server-side, single use.
 */
export async function startPasskeyRegistration(
  deps: PasskeyDeps,
  user: Pick<UserRow, "id" | "email" | "name" | "passwordHash">,
  session: { secondFactorAt: number | null },
  currentPassword: string,
) {
  await enforceRateLimit(deps.db.$client, PASSKEY_LIMITS.addPerUser, user.id, deps.now);
  if (!hasPassword(user.passwordHash)) throw passwordIssue(NO_PASSWORD_YET);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw passwordIssue("This is not your current password.");
  if (session.secondFactorAt === null && (await twoFactorEnabled(deps.db, user.id))) {
    throw new AppError("second_factor_required", "Sign in again with your authenticator code before adding a passkey.");
  }
  const existing = await passkeysOf(deps.db, user.id);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new AppError("conflict", `You have ${MAX_PASSKEYS_PER_USER} passkeys already. Remove one before adding another.`);
  }
  const options = await generateRegistrationOptions({
    rpName: deps.rp.name,
    rpID: deps.rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    // The user handle the passkey keeps and returns at sign-in: the account id, never the email.
    userID: new Uint8Array(new TextEncoder().encode(user.id)),
    attestationType: "none",
    excludeCredentials: existing.map((row) => ({ id: row.credentialId, transports: row.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  await storeChallenge(deps.db, { challenge: options.challenge, purpose: "registration", userId: user.id }, deps.now);
  return withoutExtensions(options);
}

const refused = () =>
  new AppError("invalid_passkey", "That passkey could not be added: the request expired or did not check out. Please try again.");

/**
 * The second step: checks the new credential against the challenge this person was given (used up
 * as it is checked), this app's origin and RP ID, and user verification, then stores its public
 * key. `fallbackName` names it when the person gave no name (the browser and system it was made on).
 */
export async function finishPasskeyRegistration(
  deps: PasskeyDeps,
  userId: string,
  input: z.output<typeof passkeyRegistrationSchema>,
  fallbackName: string,
): Promise<PasskeyRow> {
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: (challenge) => claimChallenge(deps.db, { challenge, purpose: "registration", userId }, deps.now),
      expectedOrigin: deps.rp.origin,
      expectedRPID: deps.rp.rpID,
      requireUserVerification: true,
    });
  } catch {
    throw refused();
  }
  if (!verification.verified) throw refused();
  const { credential, credentialBackedUp } = verification.registrationInfo;
  const row = await insertPasskey(
    deps.db,
    {
      userId,
      credentialId: credential.id,
      publicKey: toBase64Url(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      backedUp: credentialBackedUp,
      name: input.name ?? fallbackName,
    },
    deps.now,
  );
  if (!row) throw new AppError("conflict", "This passkey is registered already.");
  return row;
}
