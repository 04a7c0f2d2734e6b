import { describe, expect, it } from "vitest";
import { delayAfter, LOGIN_THROTTLE } from "../../workers/auth/limits";
import { expiryAfterUse, sessionLifetime, USER_SESSION_LIFETIME } from "../../workers/auth/session-lifetime";

const DAY = 24 * 60 * 60 * 1000;

describe("delayAfter", () => {
  const curve = LOGIN_THROTTLE.perAddress;

  it("is zero within the free attempts, then doubles from the base up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => delayAfter(curve, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfter(curve, n))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(delayAfter(curve, 12)).toBe(curve.maxMs);
    // However many attempts, it never overflows or passes the cap: slowed, never locked.
    expect(delayAfter(curve, 10_000)).toBe(curve.maxMs);
  });

  it("caps the per-account ceiling at two minutes", () => {
    expect(delayAfter(LOGIN_THROTTLE.perAccount, LOGIN_THROTTLE.perAccount.free - 1)).toBe(0);
    expect(delayAfter(LOGIN_THROTTLE.perAccount, 1_000)).toBe(2 * 60_000);
  });
});

describe("session lifetime", () => {
  it("is 30 idle days and 90 days at most for users, 12 hours at most for staff", () => {
    expect(USER_SESSION_LIFETIME).toEqual({ idleMs: 30 * DAY, absoluteMs: 90 * DAY });
    expect(sessionLifetime("user")).toBe(USER_SESSION_LIFETIME);
    for (const role of ["support", "admin"] as const) expect(sessionLifetime(role)).toEqual({ idleMs: DAY / 2, absoluteMs: DAY / 2 });
  });

  it("never extends a session past its absolute end", () => {
    const start = 1_000_000;
    expect(expiryAfterUse(USER_SESSION_LIFETIME, start, start)).toBe(start + 30 * DAY);
    expect(expiryAfterUse(USER_SESSION_LIFETIME, start, start + 70 * DAY)).toBe(start + 90 * DAY);
  });
});
