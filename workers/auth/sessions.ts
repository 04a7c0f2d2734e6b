import { and, eq, gt, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { AuthContext } from "../app-env";
import type { Database } from "../db/client";
import { refreshTokens, sessions, users } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";

/** A sign-in lasts 30 days from its last refresh. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Two tabs may refresh with the same token at once; the loser arrives moments after the
 * winner rotated it. Within this window a rotated token is refused without treating it as
 * theft (the browser already holds the new cookies); after it, reuse revokes the family.
 */
export const REFRESH_RACE_GRACE_MS = 10_000;

/** Starts a session (a refresh-token family) and returns its first refresh token. */
export async function startSession(
  db: Database,
  input: { userId: string; browser: string | null; os: string | null; now: number },
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = newId(input.now);
  const refreshToken = randomToken();
  await db.batch([
    db.insert(sessions).values({
      id: sessionId,
      userId: input.userId,
      browser: input.browser,
      os: input.os,
      createdAt: input.now,
      lastUsedAt: input.now,
      expiresAt: input.now + SESSION_TTL_MS,
    }),
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId, createdAt: input.now }),
  ]);
  return { sessionId, refreshToken };
}

export type RotationResult =
  | { ok: true; userId: string; sessionId: string; refreshToken: string }
  | { ok: false; reason: "unknown" | "ended" | "race" | "reuse" };

/**
 * Exchanges a refresh token for a new one. A token already rotated and presented again
 * outside the race window is reuse of a stolen token: the whole family is revoked.
 */
export async function rotateRefreshToken(db: Database, token: string, now: number): Promise<RotationResult> {
  const tokenHash = await sha256Hex(token);
  const row = await db
    .select({ sessionId: refreshTokens.sessionId, rotatedAt: refreshTokens.rotatedAt, session: sessions })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .get();
  if (!row) return { ok: false, reason: "unknown" };
  const { session } = row;
  if (session.revokedAt !== null || session.expiresAt <= now) return { ok: false, reason: "ended" };

  const rotated = await db
    .update(refreshTokens)
    .set({ rotatedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.rotatedAt)))
    .run();
  if (rotated.meta.changes !== 1) {
    const rotatedAt = row.rotatedAt ?? now;
    if (now - rotatedAt < REFRESH_RACE_GRACE_MS) return { ok: false, reason: "race" };
    await revokeSession(db, session.id, "refresh_token_reuse", now);
    return { ok: false, reason: "reuse" };
  }

  const refreshToken = randomToken();
  await db.batch([
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId: session.id, createdAt: now }),
    db.update(sessions).set({ lastUsedAt: now, expiresAt: now + SESSION_TTL_MS }).where(eq(sessions.id, session.id)),
  ]);
  return { ok: true, userId: session.userId, sessionId: session.id, refreshToken };
}

/** Ends one session; its access and refresh tokens stop working at once. */
export async function revokeSession(db: Database, sessionId: string, reason: string, now: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * The statement that ends every session of a user (optionally keeping the one making the request)
 * and returns the ended ids, for a batch; `guard` makes it apply only while a condition holds
 * (a reset link still usable), so a batch either does everything or nothing.
 */
export function revokeAllSessionsQuery(
  db: Database,
  userId: string,
  reason: string,
  now: number,
  options: { keepSessionId?: string; guard?: SQL } = {},
) {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (options.keepSessionId) conditions.push(ne(sessions.id, options.keepSessionId));
  if (options.guard) conditions.push(options.guard);
  return db.update(sessions).set({ revokedAt: now, revokeReason: reason }).where(and(...conditions)).returning({ id: sessions.id });
}

/** Ends every session of a user, optionally keeping the one making the request; returns the ended ids. */
export async function revokeAllSessions(db: Database, userId: string, reason: string, now: number, keepSessionId?: string): Promise<string[]> {
  const rows = await revokeAllSessionsQuery(db, userId, reason, now, { keepSessionId });
  return rows.map((row) => row.id);
}

/**
 * The request's identity if its session is still live and its user still exists: one
 * primary-key lookup per request, the price of a logout that really ends the session.
 */
export async function loadLiveSession(
  db: Database,
  claims: { userId: string; sessionId: string },
  now: number,
): Promise<AuthContext | null> {
  const row = await db
    .select({ role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, claims.sessionId),
        eq(sessions.userId, claims.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.deletedAt),
      ),
    )
    .get();
  return row ? { userId: claims.userId, sessionId: claims.sessionId, role: row.role } : null;
}

/** The user's live sessions, most recently used first. */
export function listLiveSessions(db: Database, userId: string, now: number) {
  return db
    .select({
      id: sessions.id,
      browser: sessions.browser,
      os: sessions.os,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.lastUsedAt} DESC`)
    .all();
}

/** Ends one of the user's own sessions (the devices list); false when it is not theirs or not live. */
export async function revokeOwnSession(db: Database, userId: string, sessionId: string, now: number): Promise<boolean> {
  const result = await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: "revoked_by_user" })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run();
  return result.meta.changes === 1;
}
