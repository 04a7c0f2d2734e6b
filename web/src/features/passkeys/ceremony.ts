import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import type { PasskeyView } from "../../../../shared/passkeys";
import { type PasskeyAssertion, passkeysApi } from "../../api/passkeys";
import { ApiError } from "../../lib/api";

/**
 * Adds a passkey: the server's options (after the password check), the browser's passkey dialog,
 * then the server's check of the new credential. Throws an `ApiError` either way, so forms show
 * the browser's refusals like the API's.
 */
export async function createPasskey(currentPassword: string, name: string | undefined): Promise<PasskeyView> {
  const optionsJSON = await passkeysApi.registrationOptions(currentPassword);
  const response = await ceremony(() => startRegistration({ optionsJSON }));
  return passkeysApi.register({ response, name });
}

/** Signs in with a passkey the browser offers: no email typed, the passkey says whose it is. */
export async function signInWithPasskey() {
  const optionsJSON = await passkeysApi.signInOptions();
  const response = await ceremony(() => startAuthentication({ optionsJSON }));
  return passkeysApi.signIn(response);
}

/**
 * A fresh passkey assertion for a destructive staff action, instead of the authenticator code: the
 * server's step-up options (the staff member's own passkeys only), then the browser's passkey
 * dialog. The action's request carries the answer as `passkey`; the server checks it there.
 */
export async function stepUpWithPasskey(): Promise<PasskeyAssertion> {
  const optionsJSON = await passkeysApi.stepUpOptions();
  return ceremony(() => startAuthentication({ optionsJSON }));
}

/** Why the browser's passkey dialog failed, in plain words (its own messages are for developers). */
function browserRefusal(error: unknown): string {
  const code = error instanceof WebAuthnError ? error.code : undefined;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "This device already holds a passkey for your account.";
  if (code === "ERROR_CEREMONY_ABORTED") return "The passkey request was cancelled.";
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID") return "Passkeys do not work on this address of Ausar.";
  if (error instanceof Error && error.name === "NotAllowedError")
    return "The passkey request was cancelled or timed out. Please try again.";
  return "Your browser could not use a passkey here. Please try again.";
}

async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Status 0: the browser said no, nothing reached the server.
    throw new ApiError(0, "bad_request", browserRefusal(error));
  }
}
