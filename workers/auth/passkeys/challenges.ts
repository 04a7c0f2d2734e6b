import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passkeyChallenges } from "../../db/schema";

/** Long enough to find and touch a security key; the browser's own timeout is a minute. */
const CHALLENGE_TTL_MS = 5 * 60_000;

export type ChallengePurpose = (typeof passkeyChallenges.$inferSelect)["purpose"];

/** Keeps a challenge the server just made, for `purpose` (and, for a registration, the person). */
export async function storeChallenge(
  db: Database,
  input: { challenge: string; purpose: ChallengePurpose; userId: string | null },
  now: number,
): Promise<void> {
  await db.insert(passkeyChallenges).values({ ...input, expiresAt: now + CHALLENGE_TTL_MS });
}

/**
 * Uses up a challenge: true once, for a live challenge made for this purpose (and person), in one
 * `DELETE … RETURNING`, so a replayed response or two racing ones never pass twice. The client
 * only carries the challenge back inside the signed client data; it is trusted for nothing else.
 */
export async function claimChallenge(
  db: Database,
  input: { challenge: string; purpose: ChallengePurpose; userId: string | null },
  now: number,
): Promise<boolean> {
  const rows = await db
    .delete(passkeyChallenges)
    .where(
      and(
        eq(passkeyChallenges.challenge, input.challenge),
        eq(passkeyChallenges.purpose, input.purpose),
        input.userId === null ? isNull(passkeyChallenges.userId) : eq(passkeyChallenges.userId, input.userId),
        gt(passkeyChallenges.expiresAt, now),
      ),
    )
    .returning({ challenge: passkeyChallenges.challenge });
  return rows.length === 1;
}

/** Deletes challenges nobody answered in time (the cron's `passkeyChallenges` task). */
export async function sweepChallenges(db: Database, now: number): Promise<void> {
  await db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now));
}
