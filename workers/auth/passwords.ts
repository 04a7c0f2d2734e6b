import { scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { fromBase64, toBase64 } from "../lib/crypto";

/**
 * scrypt at N=2^14, r=8, p=5: one of OWASP's recommended settings that fits a Worker's
 * 128 MB (16 MiB per hash, about 0.17 s in workerd). PBKDF2 is not used because Workers cap
 * its iterations at 100,000, a sixth of OWASP's figure. Parameters live in the stored string
 * (`scrypt$N$r$p$salt$hash`) so the scheme can be raised and old hashes upgraded at sign-in.
 */
const SCRYPT_PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Uint8Array, params: ScryptParams, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize("NFKC"), salt, length, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const key = await derive(password, salt, SCRYPT_PARAMS, KEY_LENGTH);
  return `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${toBase64(salt)}$${toBase64(key)}`;
}

function parse(stored: string): { params: ScryptParams; salt: Uint8Array; key: Uint8Array } | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return null;
  return { params: { N, r, p }, salt: fromBase64(parts[4]!), key: fromBase64(parts[5]!) };
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses weaker parameters than today's and should be replaced. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < SCRYPT_PARAMS.N || r < SCRYPT_PARAMS.r || p < SCRYPT_PARAMS.p;
}

/**
 * A real hash of a random password, verified against when an email is unknown so that
 * sign-in takes the same time whether or not the account exists.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}

/**
 * Stored for an account made through Sign in with Whop that never set a password: no password
 * verifies against it (it is not a `scrypt$…` string), so only Whop (or a reset link) opens it.
 * A marker rather than a NULL column: `password_hash` stays NOT NULL and every existing check
 * refuses it as it refuses a wrong password.
 */
export const NO_PASSWORD = "none";

/** Whether the account has a password of its own (false for a Whop-made account until it sets one). */
export function hasPassword(stored: string): boolean {
  return stored !== NO_PASSWORD;
}

/** What a password-checked action (password change, email change, deletion) tells an account that has none yet. */
export const NO_PASSWORD_YET =
  'This account has no password yet (it signs in with Whop). Set one first: "Set a password" under Account → Sign in with Whop emails you a link.';
