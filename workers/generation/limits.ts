import { clientIp } from "../lib/client-ip";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";

const MINUTE = 60_000;

/**
 * Abuse limits on submissions, beside the in-flight cap (4 queued or running per user), for every
 * way a job starts: `POST /api/generations` and the `/v1` images endpoints alike.
 */
const GENERATION_LIMITS = {
  perUser: { name: "generation_user", max: 60, windowMs: 10 * MINUTE },
  perIp: { name: "generation_ip", max: 600, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimit>;

/** Counts one submission against both limits (429 with Retry-After past either). */
export async function enforceGenerationLimits(d1: D1Database, headers: Headers, userId: string, now: number): Promise<void> {
  await enforceRateLimit(d1, GENERATION_LIMITS.perIp, clientIp(headers), now);
  await enforceRateLimit(d1, GENERATION_LIMITS.perUser, userId, now);
}
