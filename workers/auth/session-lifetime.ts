import type { UserRow } from "./users";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long a session lives: `idleMs` after its last refresh, and never longer than `absoluteMs` after sign-in. */
export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

/** Everyone's sessions today: 30 idle days, 90 days at most (then sign in again, whatever the activity). */
export const USER_SESSION_LIFETIME: SessionLifetime = { idleMs: 30 * DAY, absoluteMs: 90 * DAY };

/** Staff sessions: one working day at most, so a stolen staff session is short-lived. */
const STAFF_SESSION_LIFETIME: SessionLifetime = { idleMs: 12 * HOUR, absoluteMs: 12 * HOUR };

/** Lifetimes by role: the one place a shorter staff lifetime belongs. */
const LIFETIMES: Record<UserRow["role"], SessionLifetime> = {
  user: USER_SESSION_LIFETIME,
  support: STAFF_SESSION_LIFETIME,
  admin: STAFF_SESSION_LIFETIME,
};

/** The lifetime of a session of someone with `role`. */
export function sessionLifetime(role: UserRow["role"]): SessionLifetime {
  return LIFETIMES[role];
}

/** When a session started at `createdAt` and refreshed `now` expires: the idle limit, capped by the absolute one. */
export function expiryAfterUse(lifetime: SessionLifetime, createdAt: number, now: number): number {
  return Math.min(now + lifetime.idleMs, createdAt + lifetime.absoluteMs);
}
