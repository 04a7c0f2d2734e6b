import { Secret, TOTP } from "otpauth";

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const WINDOW = 1;

function totpOf(secret: string, label = "Ausar"): TOTP {
  return new TOTP({ issuer: "Ausar", label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits, RFC 4226's recommendation), base32. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The `otpauth://` address an authenticator app reads from the QR code. */
export const otpauthUrl = (secret: string, email: string) => totpOf(secret, email).toString();

/** The time step a code belongs to, if it is right for `now` (±1 step); null otherwise. */
export function matchingStep(secret: string, code: string, now: number): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code of `now`, for tests and the development helpers that sign staff in. */
export const codeAt = (secret: string, now: number) => totpOf(secret).generate({ timestamp: now });
