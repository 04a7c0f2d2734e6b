/**
 * Retry and polling policy, pure so it can be tested alone. Numbers are documented in
 * docs/generation.md; change them there too.
 */
import { backoffSeconds as curve, withJitter as jitter } from "../lib/backoff";

/** Attempts per job: the first plus up to three retries after transient provider failures. */
export const MAX_ATTEMPTS = 4;
/** Retry n waits about BASE·2^(n−1) seconds (2, 4, 8 …), at most CAP, ±20 % jitter. */
const RETRY_BASE_SECONDS = 2;
const RETRY_CAP_SECONDS = 60;
/** Polls start quickly and slow down (×1.5) to at most 30 s apart. */
const POLL_FIRST_SECONDS = 2;
const POLL_FACTOR = 1.5;
export const POLL_CAP_SECONDS = 30;
/** With a webhook on its way, polling is only the safety net for a lost callback. */
const POLL_WITH_WEBHOOK_SECONDS = 30;
/** Queues accept delays up to 12 hours; anything the provider asks beyond our cap is cut to it. */
const QUEUE_MAX_DELAY_SECONDS = 43_200;

/** Jobs a user may have queued or running at once; more answer 429. */
export const IN_FLIGHT_CAP = 4;

/** The plain exponential backoff after failure `n` (1-based): 2, 4, 8 … seconds, at most a minute. */
export function backoffSeconds(n: number): number {
  return curve(n, { firstSeconds: RETRY_BASE_SECONDS, capSeconds: RETRY_CAP_SECONDS });
}

/** Seconds to wait before attempt `failedAttempt + 1`, honouring the provider's Retry-After. */
export function retryDelaySeconds(
  failedAttempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const delay = Math.max(jitter(backoffSeconds(failedAttempt), random), retryAfterSeconds ?? 0);
  return Math.min(QUEUE_MAX_DELAY_SECONDS, Math.round(delay));
}

/** Seconds before poll number `poll` (1-based). */
export function pollDelaySeconds(poll: number, hasWebhook: boolean, random: () => number = Math.random): number {
  if (hasWebhook) return Math.round(jitter(POLL_WITH_WEBHOOK_SECONDS, random));
  const delay = curve(poll, { firstSeconds: POLL_FIRST_SECONDS, factor: POLL_FACTOR, capSeconds: POLL_CAP_SECONDS });
  return Math.max(1, Math.round(jitter(delay, random)));
}

/** What to do after a failed attempt: try again later, or give up now. */
export type Verdict = { action: "retry"; delaySeconds: number } | { action: "fail" };

/**
 * Retry only when the failure may pass, attempts remain, and the retry would still start before
 * the job's deadline; otherwise fail (and refund) at once rather than let the sweeper do it later.
 */
export function afterFailure(
  failure: { retryable: boolean; retryAfterSeconds?: number },
  attempt: number,
  now: number,
  deadlineAt: number,
  random: () => number = Math.random,
): Verdict {
  if (!failure.retryable || attempt >= MAX_ATTEMPTS) return { action: "fail" };
  const delaySeconds = retryDelaySeconds(attempt, failure.retryAfterSeconds, random);
  if (now + delaySeconds * 1000 >= deadlineAt) return { action: "fail" };
  return { action: "retry", delaySeconds };
}
