import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { refreshTokens, sessions, users } from "../db/schema";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { DeviceData } from "./device";
import { expiryAfterUse, sessionLifetime } from "./session-lifetime";
import { revokeSession } from "./sessions";

/**
 * Two tabs may refresh with the same token at once; the loser arrives moments after the
 * winner rotated it. Within this window a rotated token is refused without treating it as
 * theft (the browser already holds the new cookies); after it, reuse revokes the family.
 */
const REFRESH_RACE_GRACE_MS = 10_000;

/** A session a refresh ended (reuse, lifetime over), so the caller can close its live connections. */
export interface EndedSession {
  userId: string;
  sessionId: string;
}

export type RotationResult =
  | { ok: true; userId: string; sessionId: string; refreshToken: string }
  | { ok: false; reason: "unknown" | "ended" | "race" }
  | ({ ok: false; reason: "reuse" | "lifetime_ended" } & EndedSession);

/** The session a refresh token (current or already rotated) belongs to, with its owner's role. */
function findFamily(db: Database, tokenHash: string) {
  return db
    .select({ rotatedAt: refreshTokens.rotatedAt, session: sessions, role: users.role })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .get();
}

/**
 * Exchanges a refresh token for a new one. A token already rotated and presented again
 * outside the race window is reuse of a stolen token: the whole family is revoked. Past the
 * session's absolute lifetime the refresh fails and the session is revoked, however active it is.
 * A successful refresh records the request's device data on the session.
 */
export async function rotateRefreshToken(db: Database, token: string, now: number, device: DeviceData): Promise<RotationResult> {
  const tokenHash = await sha256Hex(token);
  const row = await findFamily(db, tokenHash);
  if (!row) return { ok: false, reason: "unknown" };
  const { session } = row;
  if (session.revokedAt !== null || session.expiresAt <= now) return { ok: false, reason: "ended" };
  const ended = { userId: session.userId, sessionId: session.id };
  const lifetime = sessionLifetime(row.role);
  if (now >= session.createdAt + lifetime.absoluteMs) {
    await revokeSession(db, session.id, "lifetime_ended", now);
    return { ok: false, reason: "lifetime_ended", ...ended };
  }

  const rotated = await db
    .update(refreshTokens)
    .set({ rotatedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.rotatedAt)))
    .run();
  if (rotated.meta.changes !== 1) {
    const rotatedAt = row.rotatedAt ?? now;
    if (now - rotatedAt < REFRESH_RACE_GRACE_MS) return { ok: false, reason: "race" };
    await revokeSession(db, session.id, "refresh_token_reuse", now);
    return { ok: false, reason: "reuse", ...ended };
  }

  const refreshToken = randomToken();
  await db.batch([
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId: session.id, createdAt: now }),
    db
      .update(sessions)
      // The device data follows the browser (an update, a window moved to another screen); a
      // refresh that sent no screen keeps the one known.
      .set({
        lastUsedAt: now,
        expiresAt: expiryAfterUse(lifetime, session.createdAt, now),
        browser: device.browser,
        os: device.os,
        ...(device.screen ? { screen: device.screen } : {}),
      })
      .where(eq(sessions.id, session.id)),
  ]);
  return { ok: true, userId: session.userId, sessionId: session.id, refreshToken };
}

/**
 * The live session a refresh token belongs to, for sign-out once the access cookie has expired
 * (the browser drops it after 15 minutes; the refresh token would otherwise live on for 30 days).
 * Any token of the family counts, a rotated one too: signing out is never a reason to refuse.
 */
export async function sessionOfRefreshToken(db: Database, token: string, now: number): Promise<EndedSession | null> {
  const row = await findFamily(db, await sha256Hex(token));
  if (!row || row.session.revokedAt !== null || row.session.expiresAt <= now) return null;
  return { userId: row.session.userId, sessionId: row.session.id };
}
