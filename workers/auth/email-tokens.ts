import { and, eq, exists, gt, inArray, isNotNull, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { emailTokens } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";

export type Purpose = (typeof emailTokens.$inferSelect)["purpose"];

/**
 * Verification links last a day; reset links an hour. "This wasn't me" lasts a week: the owner
 * may read the notice days later, after the change already went through, and still undo it.
 */
const TOKEN_TTL_MS: Record<Purpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
  cancel_email_change: 7 * 24 * 60 * 60 * 1000,
};

/** The links a password reset or change voids: anything that could sign in or move the account. */
export const CREDENTIAL_TOKEN_PURPOSES: Purpose[] = ["verify_email", "reset_password"];

type TokenInput = { userId: string; purpose: Purpose; email: string; now: number };

/** A new token and the insert that stores it (hashed), for callers that write it in a batch with other changes. */
export async function prepareEmailToken(db: Database, input: TokenInput) {
  const token = randomToken();
  const insert = db.insert(emailTokens).values({
    tokenHash: await sha256Hex(token),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    expiresAt: input.now + TOKEN_TTL_MS[input.purpose],
    createdAt: input.now,
  });
  return { token, insert };
}

/** Creates a single-use token (stored hashed) for `email`, and returns the token to mail. */
export async function issueEmailToken(db: Database, input: TokenInput): Promise<string> {
  const { token, insert } = await prepareEmailToken(db, input);
  await insert;
  return token;
}

/**
 * The statement that uses up every outstanding token of `userId` with one of `purposes`, except
 * `keepTokenHash`, while `guard` holds; for a batch. Marking them used (not deleting) keeps the trail.
 */
export function voidEmailTokens(
  db: Database,
  userId: string,
  purposes: Purpose[],
  now: number,
  options: { keepTokenHash?: string; guard?: SQL } = {},
) {
  const conditions = [eq(emailTokens.userId, userId), inArray(emailTokens.purpose, purposes), isNull(emailTokens.usedAt)];
  if (options.keepTokenHash) conditions.push(ne(emailTokens.tokenHash, options.keepTokenHash));
  if (options.guard) conditions.push(options.guard);
  return db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(...conditions));
}

/** What a token was issued for. */
const ISSUED_FOR = { userId: emailTokens.userId, email: emailTokens.email };

/** Who a token that was already used was issued to (null: no such token, or never used). */
export async function usedEmailToken(db: Database, token: string, purpose: Purpose): Promise<{ userId: string; email: string } | null> {
  const row = await db
    .select(ISSUED_FOR)
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, await sha256Hex(token)), eq(emailTokens.purpose, purpose), isNotNull(emailTokens.usedAt)))
    .get();
  return row ?? null;
}

/** Matches the row of a token (by hash) while it is unused and unexpired. */
function usableHash(tokenHash: string, purpose: Purpose, now: number) {
  return and(
    eq(emailTokens.tokenHash, tokenHash),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  );
}

/** Matches the token's row while it is unused and unexpired. */
async function usableToken(token: string, purpose: Purpose, now: number) {
  return usableHash(await sha256Hex(token), purpose, now);
}

/**
 * A condition true while the token is unused and unexpired. Every statement of a batch that acts on
 * a link carries it, and the statement using the token up comes last: D1 runs a batch as one
 * transaction, so two uses racing either both see the link usable before the first commits (one
 * batch runs entirely first) or the second sees it used and changes nothing.
 */
export function whileTokenUsable(db: Database, tokenHash: string, purpose: Purpose, now: number): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(emailTokens)
      .where(usableHash(tokenHash, purpose, now)),
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
 * The statement that uses a token (by hash) up and returns what it was issued for (no row when it
 * was not usable), for a batch. Synchronous on purpose: a query builder is thenable, so returning
 * it from an async function would run it.
 */
export function consumeEmailTokenQuery(db: Database, tokenHash: string, purpose: Purpose, now: number) {
  return db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(usableHash(tokenHash, purpose, now))
    .returning(ISSUED_FOR);
}
