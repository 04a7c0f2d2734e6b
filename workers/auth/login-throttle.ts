import { and, isNull, lt, or } from "drizzle-orm";
import { database } from "../db/client";
import { loginThrottles } from "../db/schema";
import { toHex } from "../lib/crypto";
import { type DelayCurve, delayAfter } from "./limits";

const encoder = new TextEncoder();

/**
 * The row key of a throttle: an HMAC of what it counts (account, or account and address bucket)
 * under a key derived from `secret`. Rows then name no address beside an email, and nobody with
 * the table alone can test which addresses an account signs in from.
 */
export async function throttleKey(secret: string, parts: string[]): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(`login-throttle:v1:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(parts.join("\n"))));
}

export type Claim = { ok: true; trusted: boolean } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one attempt, before the password is checked, in one statement: an upsert that only
 * applies when the delay of the previous attempt has passed, and that sets the next delay from the
 * new count. Parallel attempts are serialised by D1, so each sees the count the previous one left:
 * no burst can pass the free attempts. The attempt is refused (nothing written) inside the window.
 * Raw SQL because the conditional upsert with its computed delay must be one statement, which
 * reads more plainly here than as drizzle `sql` fragments.
 */
export async function claimAttempt(d1: D1Database, key: string, curve: DelayCurve, now: number): Promise<Claim> {
  // The new count: 1 after a quiet period, else one more. Written twice because SET sees the old row.
  const count = "CASE WHEN updated_at < ?2 - ?6 THEN 1 ELSE failures + 1 END";
  const delay = (n: string) => `CASE WHEN ${n} < ?3 THEN 0 ELSE MIN(?5, ?4 * (1 << MIN(${n} - ?3, 30))) END`;
  const row = await d1
    .prepare(
      `INSERT INTO login_throttles (key, failures, next_at, updated_at) VALUES (?1, 1, ?2 + ?7, ?2)
       ON CONFLICT (key) DO UPDATE SET failures = ${count}, next_at = ?2 + ${delay(count)}, updated_at = ?2
       WHERE login_throttles.next_at <= ?2
       RETURNING trusted_until`,
    )
    .bind(key, now, curve.free, curve.baseMs, curve.maxMs, curve.resetAfterMs, delayAfter(curve, 1))
    .first<{ trusted_until: number | null }>();
  if (row) return { ok: true, trusted: row.trusted_until !== null && row.trusted_until > now };
  const waiting = await d1.prepare("SELECT next_at FROM login_throttles WHERE key = ?1").bind(key).first<{ next_at: number }>();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((waiting?.next_at ?? now) - now) / 1000)) };
}

/** After a successful sign-in: the pair starts over and is trusted (it skips the per-account ceiling) for `trustMs`. */
export async function trustPair(d1: D1Database, key: string, trustMs: number, now: number): Promise<void> {
  const trusted = { failures: 0, nextAt: 0, trustedUntil: now + trustMs, updatedAt: now };
  await database(d1)
    .insert(loginThrottles)
    .values({ key, ...trusted })
    .onConflictDoUpdate({ target: loginThrottles.key, set: trusted });
}

/** Cron task: drops rows quiet for longer than any curve remembers and no longer trusted. */
export async function sweepLoginThrottles(d1: D1Database, now: number, quietMs: number): Promise<void> {
  await database(d1)
    .delete(loginThrottles)
    .where(and(lt(loginThrottles.updatedAt, now - quietMs), or(isNull(loginThrottles.trustedUntil), lt(loginThrottles.trustedUntil, now))));
}
