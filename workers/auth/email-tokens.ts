import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { emailTokens } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";

type Purpose = (typeof emailTokens.$inferSelect)["purpose"];

/** Verification links last a day; reset links an hour. */
export const TOKEN_TTL_MS: Record<Purpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

/** Creates a single-use token (stored hashed) for `email`, and returns the token to mail. */
export async function issueEmailToken(
  db: Database,
  input: { userId: string; purpose: Purpose; email: string; now: number },
): Promise<string> {
  const token = randomToken();
  await db.insert(emailTokens).values({
    tokenHash: await sha256Hex(token),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    expiresAt: input.now + TOKEN_TTL_MS[input.purpose],
    createdAt: input.now,
  });
  return token;
}

/** What a token was issued for. */
const ISSUED_FOR = { userId: emailTokens.userId, email: emailTokens.email };

/** Matches the token's row while it is unused and unexpired. */
async function usableToken(token: string, purpose: Purpose, now: number) {
  return and(
    eq(emailTokens.tokenHash, await sha256Hex(token)),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  );
}

/** Who a still-usable token belongs to, without using it up. */
export async function peekEmailToken(
  db: Database,
  token: string,
  purpose: Purpose,
  now: number,
): Promise<{ userId: string; email: string } | null> {
  const row = await db
    .select(ISSUED_FOR)
    .from(emailTokens)
    .where(await usableToken(token, purpose, now))
    .get();
  return row ?? null;
}

/**
 * Uses a token up: one conditional update, so two concurrent uses cannot both succeed.
 * Returns what it was issued for, or null when unknown, expired or already used.
 */
export async function consumeEmailToken(
  db: Database,
  token: string,
  purpose: Purpose,
  now: number,
): Promise<{ userId: string; email: string } | null> {
  const rows = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(await usableToken(token, purpose, now))
    .returning(ISSUED_FOR);
  return rows[0] ?? null;
}
