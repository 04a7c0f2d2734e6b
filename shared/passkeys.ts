import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./password-policy";

/**
 * WebAuthn's binary fields as @simplewebauthn/browser sends them: URL-safe base64, bounded (an
 * attestation object with a certificate chain stays well under 16 KB; the body cap is 64 KB).
 */
const base64Url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "Not URL-safe base64.");

/**
 * The extension outputs the server may read; any others are dropped. The credential's own shape is
 * the browser's (WebAuthn Level 3 `toJSON`), so its nested objects are not strict: a browser that
 * adds a field must not break sign-in.
 */
const clientExtensionResults = z.object({
  appid: z.boolean().optional(),
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
  hmacCreateSecret: z.boolean().optional(),
});

const credentialBase = {
  id: base64Url(1400),
  rawId: base64Url(1400),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults,
  type: z.literal("public-key"),
};

/** What `startRegistration()` answers: a new credential and its attestation. */
const registrationResponse = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64Url(4096),
    attestationObject: base64Url(16384),
    authenticatorData: base64Url(8192).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64Url(4096).optional(),
  }),
});

/** What `startAuthentication()` answers: an assertion signed by the passkey (sign-in, and a staff step-up). */
export const passkeyAssertionSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64Url(4096),
    authenticatorData: base64Url(8192),
    signature: base64Url(1024),
    userHandle: base64Url(128).optional(),
  }),
});

/** A passkey's name: what the person calls it in the list. */
const passkeyName = z.string().trim().min(1, "Give the passkey a name.").max(60, "Use at most 60 characters.");

/** Adding a passkey asks for the password again: a stolen session alone cannot plant a lasting way in. */
export const passkeyRegistrationOptionsSchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH),
});
export const passkeyRegistrationSchema = z.strictObject({ response: registrationResponse, name: passkeyName.optional() });
export const passkeyAuthenticationSchema = z.strictObject({ response: passkeyAssertionSchema });
export const renamePasskeySchema = z.strictObject({ name: passkeyName });

/** One passkey in Account → Security. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Synced by a password manager or platform account, as the authenticator reports it. */
  backedUp: boolean;
}
