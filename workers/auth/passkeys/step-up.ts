import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { z } from "zod";
import type { passkeyAssertionSchema } from "../../../shared/passkeys";
import { fromBase64Url } from "../../lib/crypto";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { LIMITS } from "../limits";
import { handleMatches } from "./authentication";
import { claimChallenge, storeChallenge } from "./challenges";
import { PASSKEY_LIMITS } from "./limits";
import { type PasskeyDeps, withoutExtensions } from "./registration";
import { passkeyByCredentialId, passkeysOf, recordPasskeyUse } from "./store";

/** The staff member has no passkey to step up with. */
const noPasskey = () =>
  new AppError(
    "invalid_passkey",
    "You have no passkey on this account. Add one in Account → Security, or enter the code from your authenticator app.",
  );

/** One answer for every refused step-up assertion: which check failed is not told. */
const refused = () =>
  new AppError("invalid_passkey", "That passkey did not confirm the action. Try again, or enter the code from your authenticator app.");

/**
 * Options for `navigator.credentials.get()` before a destructive staff action: only the staff
 * member's own passkeys allowed, user verification required, and a challenge kept for `step_up`
 * and this person (so a sign-in challenge, or another person's, never passes here, nor this one
 * at sign-in). Limited per person, since each challenge is a row for five minutes.
 */
export async function startPasskeyStepUp(deps: PasskeyDeps, userId: string) {
  await enforceRateLimit(deps.db.$client, PASSKEY_LIMITS.stepUpOptionsPerUser, userId, deps.now);
  const passkeys = await passkeysOf(deps.db, userId);
  if (passkeys.length === 0) throw noPasskey();
  const options = await generateAuthenticationOptions({
    rpID: deps.rp.rpID,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  await storeChallenge(deps.db, { challenge: options.challenge, purpose: "step_up", userId }, deps.now);
  return withoutExtensions(options);
}

/**
 * A fresh passkey assertion as the step-up of a destructive action, counted with the codes against
 * the per-person second-factor limit: signed by one of `userId`'s own passkeys (another person's
 * credential is refused before any check), answering a live `step_up` challenge made for this
 * person (used up as it is checked, so a replay never passes twice), from this app's origin and RP
 * ID, with user verification, and with a signature count that moves on (the count is stored
 * conditionally, so two racing assertions with one count cannot both pass). Throws 400
 * `invalid_passkey`.
 */
export async function verifyPasskeyStepUp(
  deps: PasskeyDeps,
  userId: string,
  response: z.output<typeof passkeyAssertionSchema>,
): Promise<void> {
  await enforceRateLimit(deps.db.$client, LIMITS.secondFactorPerUser, userId, deps.now);
  const passkey = await passkeyByCredentialId(deps.db, response.id);
  if (!passkey || passkey.userId !== userId || !handleMatches(response.response.userHandle, userId)) throw refused();
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => claimChallenge(deps.db, { challenge, purpose: "step_up", userId }, deps.now),
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
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  if (!(await recordPasskeyUse(deps.db, passkey, { counter: newCounter, backedUp: credentialBackedUp }, deps.now))) throw refused();
}
