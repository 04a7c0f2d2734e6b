import { and, eq, gt, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { AuthContext } from "../app-env";
import type { Database } from "../db/client";
import { refreshTokens, sessions, users } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import { newId } from "../lib/ids";
import type { DeviceData } from "./device";
import { expiryAfterUse, type SessionLifetime, sessionLifetime } from "./session-lifetime";

/**
 * Starts a session (a refresh-token family) and returns its first refresh token. `lifetime`
 * defaults to a user's; staff sign-ins pass their own (session-lifetime.ts).
 */
export async function startSession(
  db: Database,
  input: DeviceData & {
    userId: string;
    now: number;
    lifetime?: SessionLifetime;
    secondFactorAt?: number | null;
  },
): Promise<{ sessionId: string; refreshToken: string }> {
  const lifetime = input.lifetime ?? sessionLifetime("user");
  const sessionId = newId(input.now);
  const refreshToken = randomToken();
  await db.batch([
    db.insert(sessions).values({
      id: sessionId,
      userId: input.userId,
      browser: input.browser,
      os: input.os,
      screen: input.screen,
      createdAt: input.now,
      lastUsedAt: input.now,
      expiresAt: expiryAfterUse(lifetime, input.now, input.now),
      secondFactorAt: input.secondFactorAt ?? null,
    }),
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId, createdAt: input.now }),
  ]);
  return { sessionId, refreshToken };
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
  return db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
}

/** Ends every session of a user, optionally keeping the one making the request; returns the ended ids. */
export async function revokeAllSessions(
  db: Database,
  userId: string,
  reason: string,
  now: number,
  keepSessionId?: string,
): Promise<string[]> {
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
    .select({ role: users.role, startedAt: sessions.createdAt, secondFactorAt: sessions.secondFactorAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, claims.sessionId),
        eq(sessions.userId, claims.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.deletedAt),
        isNull(users.suspendedAt),
      ),
    )
    .get();
  return row ? { userId: claims.userId, sessionId: claims.sessionId, ...row } : null;
}

/** The user's live sessions, most recently used first. */
export function listLiveSessions(db: Database, userId: string, now: number) {
  return db
    .select({
      id: sessions.id,
      browser: sessions.browser,
      os: sessions.os,
      screen: sessions.screen,
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
