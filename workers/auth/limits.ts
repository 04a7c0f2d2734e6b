import type { RateLimit } from "../lib/rate-limit";

const MINUTE = 60_000;

/**
 * Abuse limits for the account routes. The contract asks development to allow at least 10
 * sign-ups and 20 sign-ins per IP per 10 minutes (tests sign up several users from 127.0.0.1).
 */
export const LIMITS = {
  signupPerIp: { name: "signup_ip", max: 20, windowMs: 10 * MINUTE },
  loginPerIp: { name: "login_ip", max: 60, windowMs: 10 * MINUTE },
  recoveryPerIp: { name: "recovery_ip", max: 20, windowMs: 10 * MINUTE },
  /**
   * Email changes and password changes per user. Counted before the current password is checked
   * (each check is a guess at it), so a stolen session cannot use these routes to guess quickly.
   */
  emailChangePerUser: { name: "email_change_user", max: 5, windowMs: 60 * MINUTE },
  passwordChangePerUser: { name: "password_change_user", max: 5, windowMs: 15 * MINUTE },
  /**
   * Second-factor codes per person (sign-in, staff step-up, turning two-factor off): a million
   * codes with three valid at a time make guessing hopeless at ten tries a quarter hour.
   */
  secondFactorPerUser: { name: "second_factor_user", max: 10, windowMs: 15 * MINUTE },
  /** How many reset or verification emails one address may receive. */
  emailsPerAddress: { name: "email_addr", max: 5, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimit>;

/**
 * A growing delay: the first `free` attempts go through at once; after that each attempt must
 * wait `baseMs`, doubled per further attempt, at most `maxMs`. Quiet for `resetAfterMs`, it starts over.
 */
export interface DelayCurve {
  free: number;
  baseMs: number;
  maxMs: number;
  resetAfterMs: number;
}

/**
 * Sign-in throttles (login-throttle.ts). Per (account, address bucket): a person who mistypes a
 * few times waits 15 s, then 30 s, … at most 15 minutes; never locked for good. Per account,
 * across every address: past 20 attempts the account admits one every 10 s, … at most one every
 * 2 minutes (at most ~720 guesses a day however many addresses an attacker has). Addresses
 * the owner signed in from in the last 30 days skip the account ceiling, so an attack elsewhere
 * does not keep the owner out.
 */
export const LOGIN_THROTTLE = {
  perAddress: { free: 5, baseMs: 15_000, maxMs: 15 * MINUTE, resetAfterMs: 24 * 60 * MINUTE },
  perAccount: { free: 20, baseMs: 10_000, maxMs: 2 * MINUTE, resetAfterMs: 24 * 60 * MINUTE },
  trustMs: 30 * 24 * 60 * MINUTE,
} satisfies { perAddress: DelayCurve; perAccount: DelayCurve; trustMs: number };

/** How long to wait after the `attempts`-th attempt since the last success (0 while within the free ones). */
export function delayAfter(curve: DelayCurve, attempts: number): number {
  if (attempts < curve.free) return 0;
  return Math.min(curve.maxMs, curve.baseMs * 2 ** Math.min(attempts - curve.free, 30));
}
