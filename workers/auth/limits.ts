import type { RateLimit } from "../lib/rate-limit";

const MINUTE = 60_000;

/**
 * Abuse limits for the account routes. The contract asks development to allow at least 10
 * sign-ups and 20 sign-ins per IP per 10 minutes (tests sign up several users from 127.0.0.1).
 */
export const LIMITS = {
  signupPerIp: { name: "signup_ip", max: 20, windowMs: 10 * MINUTE },
  loginPerIp: { name: "login_ip", max: 60, windowMs: 10 * MINUTE },
  /** A burst of wrong passwords for one account locks sign-in to it for the window. */
  loginFailuresPerAccount: { name: "login_fail", max: 10, windowMs: 15 * MINUTE },
  recoveryPerIp: { name: "recovery_ip", max: 20, windowMs: 10 * MINUTE },
  /**
   * Email changes and password changes per user. Counted before the current password is checked
   * (each check is a guess at it), so a stolen session cannot use these routes to guess quickly.
   */
  emailChangePerUser: { name: "email_change_user", max: 5, windowMs: 60 * MINUTE },
  passwordChangePerUser: { name: "password_change_user", max: 5, windowMs: 15 * MINUTE },
  /** How many reset or verification emails one address may receive. */
  emailsPerAddress: { name: "email_addr", max: 5, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimit>;
