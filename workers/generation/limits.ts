import type { RateLimit } from "../lib/rate-limit";

const MINUTE = 60_000;

/**
 * Abuse limits on submissions, beside the in-flight cap (4 queued or running per user), for every
 * way a job starts: `POST /api/generations` and the `/v1` images endpoints alike.
 */
export const GENERATION_LIMITS = {
  perUser: { name: "generation_user", max: 60, windowMs: 10 * MINUTE },
  perIp: { name: "generation_ip", max: 600, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimit>;
