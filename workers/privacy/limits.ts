import type { RateLimit } from "../lib/rate-limit";

const MINUTE = 60_000;

/** Abuse limits of the privacy routes, keyed by the signed-in user. */
export const PRIVACY_LIMITS = {
  /** Each password attempt counts, so the deletion form cannot be used to guess the password. */
  deletePerUser: { name: "account_delete", max: 5, windowMs: 15 * MINUTE },
  /** An export reads every row and object of the account: a handful a day is plenty. */
  exportsPerUser: { name: "export_user", max: 10, windowMs: 24 * 60 * MINUTE },
} satisfies Record<string, RateLimit>;
