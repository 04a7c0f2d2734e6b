import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { z } from "zod";
import type { passkeyAuthenticationSchema } from "../../../shared/passkeys";
import { fromBase64Url } from "../../lib/crypto";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { LIMITS } from "../limits";
import { suspended } from "../login";
import { findUserById, type UserRow } from "../users";
import { claimChallenge, storeChallenge } from "./challenges";
import { PASSKEY_LIMITS } from "./limits";
import { type PasskeyDeps, withoutExtensions } from "./registration";
import { passkeyByCredentialId, recordPasskeyUse } from "./store";

/**
 * Options for `navigator.credentials.get()` with no email typed: no allowed credentials, so the
 * browser offers the passkeys it holds for this RP ID (discoverable credentials), user
 * verification required. Limited per IP, since each challenge is a row for five minutes.
 */
export async function startPasskeySignIn(deps: PasskeyDeps, ip: string) {
  await enforceRateLimit(deps.db.$client, PASSKEY_LIMITS.optionsPerIp, ip, deps.now);
  const options = await generateAuthenticationOptions({ rpID: deps.rp.rpID, userVerification: "required", allowCredentials: [] });
  await storeChallenge(deps.db, { challenge: options.challenge, purpose: "authentication", userId: null }, deps.now);
  return withoutExtensions(options);
}

const refused = () => new AppError("invalid_credentials", "That passkey could not sign you in. Try again, or use your email and password.");

/** Whether the assertion's user handle (when the authenticator returns one) names the passkey's owner. */
export function handleMatches(userHandle: string | undefined, userId: string): boolean {
  if (userHandle === undefined) return true;
  try {
    return new TextDecoder().decode(fromBase64Url(userHandle)) === userId;
  } catch {
    return false;
  }
}

/**
 * Signs in with a passkey: the assertion must answer a live sign-in challenge (used up as it is
 * checked), come from this app's origin and RP ID, be signed by a registered passkey with user
 * verification, and not repeat a signature count. Counted against sign-in's per-IP limit. A
 * deleted account's passkey is unknown; a suspended account is refused, as sign-in refuses it,
 * only once the passkey has proved itself. The caller starts the session with the second factor
 * proved: a passkey checked with user verification is two factors in one, the device held and the
 * PIN or biometric that unlocked it.
 */
export async function finishPasskeySignIn(
  deps: PasskeyDeps,
  input: z.output<typeof passkeyAuthenticationSchema> & { ip: string },
): Promise<UserRow> {
  await enforceRateLimit(deps.db.$client, LIMITS.loginPerIp, input.ip, deps.now);
  const passkey = await passkeyByCredentialId(deps.db, input.response.id);
  const user = passkey ? await findUserById(deps.db, passkey.userId) : undefined;
  if (!passkey || !user || !handleMatches(input.response.response.userHandle, user.id)) throw refused();
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: (challenge) => claimChallenge(deps.db, { challenge, purpose: "authentication", userId: null }, deps.now),
      expectedOrigin: deps.rp.origin,
      expectedRPID: deps.rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(fromBase64Url(passkey.publicKey)),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch {
    throw refused();
  }
  if (!verification.verified || !verification.authenticationInfo.userVerified) throw refused();
  if (user.suspendedAt !== null) throw suspended();
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  if (!(await recordPasskeyUse(deps.db, passkey, { counter: newCounter, backedUp: credentialBackedUp }, deps.now))) throw refused();
  return user;
}
