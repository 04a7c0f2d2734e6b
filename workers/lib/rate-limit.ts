import { lt, sql } from "drizzle-orm";
import { database } from "../db/client";
import { rateLimits } from "../db/schema";
import { AppError } from "./errors";

/** A limit of `max` events per `windowMs` for one key. */
export interface RateLimit {
  name: string;
  max: number;
  windowMs: number;
}

/** The counter row of `key`'s current window. */
function windowOf(limit: RateLimit, key: string, now: number): { rowKey: string; windowStart: number } {
  return { rowKey: `${limit.name}:${key}`, windowStart: now - (now % limit.windowMs) };
}

/**
 * Counts one event for `key` in the current fixed window (one atomic upsert in D1) and
 * reports whether it is still within the limit. Fixed windows allow up to 2× bursts at a
 * window edge, which is acceptable for abuse limits and needs no coordination.
 */
export async function countEvent(
  d1: D1Database,
  limit: RateLimit,
  key: string,
  now: number,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { rowKey, windowStart } = windowOf(limit, key, now);
  const row = await database(d1)
    .insert(rateLimits)
    .values({ key: rowKey, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count })
    .get();
  const count = row?.count ?? 1;
  return {
    allowed: count <= limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000)),
  };
}

/** Counts one event and throws 429 `rate_limited` (with Retry-After) past the limit. */
export async function enforceRateLimit(d1: D1Database, limit: RateLimit, key: string, now: number): Promise<void> {
  const { allowed, retryAfterSeconds } = await countEvent(d1, limit, key, now);
  if (!allowed) {
    throw new AppError("rate_limited", "Too many attempts. Please wait a little and try again.", { retryAfterSeconds });
  }
}

/** Cron task: drops counters of windows that ended more than a day ago. */
export async function sweepRateLimits(d1: D1Database, now: number): Promise<void> {
  await database(d1)
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, now - 24 * 60 * 60 * 1000));
}
