import type { RateLimit } from "../../lib/rate-limit";

const MINUTE = 60_000;

/** Passkeys' own limits; a passkey sign-in also counts against sign-in's per-IP limit (`LIMITS.loginPerIp`). */
export const PASSKEY_LIMITS = {
  /** Sign-in challenges per IP: each is a D1 row for five minutes, and the sign-in page asks for one per visit. */
  optionsPerIp: { name: "passkey_options_ip", max: 60, windowMs: 10 * MINUTE },
  /** Step-up challenges per staff member (a destructive action in the console asks for one each time). */
  stepUpOptionsPerUser: { name: "passkey_step_up_user", max: 30, windowMs: 10 * MINUTE },
  /** Adding a passkey checks the password again: counted before the check, like a password change, so it cannot be used to guess. */
  addPerUser: { name: "passkey_add_user", max: 10, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimit>;

/** Enough for every device and password manager a person uses; a bound on what one account can store. */
export const MAX_PASSKEYS_PER_USER = 20;
