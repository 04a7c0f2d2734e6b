// SQL text for `wrangler d1 execute --command`, which takes no bound parameters: every value is
// checked and quoted here, so an address or a reason can never end a string literal early.

/** The roles, as `users.role` holds them (shared/admin-users.ts). */
export const ROLES = ["user", "support", "admin"];

/** The longest reason the console accepts (shared/admin-users.ts, STAFF_REASON_MAX). */
const REASON_MAX = 500;

/**
 * Local part and domain as sign-up's `z.email()` accepts them (letters, digits, `_ ' + - .`; a
 * dotted domain of letters, digits and dashes), after sign-up's normalising (workers/auth/users.ts:
 * trim, lower case). Anything else cannot be an account's address, so it never reaches SQL.
 */
const EMAIL = /^(?!\.)(?!.*\.\.)[a-z0-9_'+\-.]*[a-z0-9_+-]@([a-z0-9][a-z0-9-]*\.)+[a-z]{2,}$/;

/** The address as accounts hold it, or null when it cannot be one. */
export function normaliseEmail(input) {
  const email = String(input).trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** The reason as the audit log keeps it, or null when empty, too long or holding control characters. */
export function cleanReason(input) {
  const reason = String(input).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  return reason.length > 0 && reason.length <= REASON_MAX && !/[\u0000-\u001f\u007f]/.test(reason) ? reason : null;
}

/** A string literal: single quotes doubled (SQLite's only escape). */
export const text = (value) => `'${String(value).replaceAll("'", "''")}'`;

/** A whole number literal (milliseconds); anything else is a bug here, not input. */
export function int(value) {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/**
 * A UUIDv7 (RFC 9562), as workers/lib/ids.ts makes audit row ids: 48 bits of Unix milliseconds, then
 * random bits, so the row sorts by time among the console's rows (the audit list pages on the id).
 */
export function newId(now) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms & 0xff;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
