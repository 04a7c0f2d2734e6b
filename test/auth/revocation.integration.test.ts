import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openLive } from "../support/live";
import { api, cookiesFrom, randomIp, signUp, type TestUser, tokenFromEmail, waitForEmail } from "../support/users";

const post = (path: string, json?: unknown, cookie?: string) => api(path, { method: "POST", json, cookie, ip: randomIp() });
const me = (cookie: string) => api("/api/me", { cookie });
const NEW_PASSWORD = "lantern-orchard-velvet-93";
const DAY = 24 * 60 * 60 * 1000;

/** A second signed-in device of `user`. */
async function secondDevice(user: TestUser): Promise<string> {
  const res = await post("/api/auth/login", { email: user.email, password: user.password });
  expect(res.status).toBe(200);
  return cookiesFrom(res);
}

/** Makes `user`'s sessions look as if they started `ageMs` ago. */
const ageSessions = (user: TestUser, ageMs: number) =>
  env.DB.prepare("UPDATE sessions SET created_at = created_at - ?1, last_used_at = last_used_at - ?1 WHERE user_id = ?2")
    .bind(ageMs, user.userId)
    .run();

describe("password change", () => {
  it("closes the other devices' live sockets at once and keeps this one's", async () => {
    const user = await signUp();
    const other = await secondDevice(user);
    const mine = await openLive(user.cookie);
    const theirs = await openLive(other);
    const res = await api("/api/auth/change-password", {
      method: "POST",
      cookie: user.cookie,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(res.status).toBe(204);
    expect(await theirs.closedSoon()).toBe(true);
    expect(await mine.closedSoon()).toBe(false);
    mine.close();
  });

  it("is rate limited per user, wrong guesses included", async () => {
    const user = await signUp();
    const attempt = (currentPassword: string) =>
      api("/api/auth/change-password", {
        method: "POST",
        cookie: user.cookie,
        ip: randomIp(),
        json: { currentPassword, newPassword: NEW_PASSWORD },
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status).toBe(400);
    const limited = await attempt(user.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Refused: the password did not change.
    expect((await post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  });

  it("voids every outstanding email link of the user", async () => {
    const user = await signUp();
    const verify = tokenFromEmail((await waitForEmail(user.email, /Confirm your email/)).text);
    await post("/api/auth/forgot-password", { email: user.email });
    const reset = tokenFromEmail((await waitForEmail(user.email, /Reset your/)).text);
    const res = await api("/api/auth/change-password", {
      method: "POST",
      cookie: user.cookie,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(res.status).toBe(204);
    expect((await post("/api/auth/verify-email", { token: verify })).status).toBe(400);
    expect((await post("/api/auth/reset-password", { token: reset, password: `${NEW_PASSWORD}-x` })).status).toBe(400);
  });
});

describe("password reset", () => {
  it("voids every other email link, including a pending email change, and closes every live socket", async () => {
    const user = await signUp();
    const verify = tokenFromEmail((await waitForEmail(user.email, /Confirm your email/)).text);
    const target = `moved-${crypto.randomUUID()}@example.com`;
    expect(
      (await api("/api/me", { method: "PATCH", cookie: user.cookie, json: { email: target, currentPassword: user.password } })).status,
    ).toBe(200);
    const change = tokenFromEmail((await waitForEmail(target, /Confirm your email/)).text);
    const live = await openLive(user.cookie);
    await post("/api/auth/forgot-password", { email: user.email });
    const reset = tokenFromEmail((await waitForEmail(user.email, /Reset your/)).text);
    expect((await post("/api/auth/reset-password", { token: reset, password: NEW_PASSWORD })).status).toBe(200);
    expect(await live.closedSoon()).toBe(true);
    expect((await post("/api/auth/verify-email", { token: verify })).status).toBe(400);
    expect((await post("/api/auth/verify-email", { token: change })).status).toBe(400);
  });

  it("one link used twice at once: one reset wins, and its password is the one that works", async () => {
    const user = await signUp();
    await post("/api/auth/forgot-password", { email: user.email });
    const token = tokenFromEmail((await waitForEmail(user.email, /Reset your/)).text);
    const passwords = [`${NEW_PASSWORD}-one`, `${NEW_PASSWORD}-two`];
    const results = await Promise.all(passwords.map((password) => post("/api/auth/reset-password", { token, password })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = passwords[results.findIndex((r) => r.status === 200)]!;
    const loser = passwords.find((p) => p !== winner)!;
    expect((await post("/api/auth/login", { email: user.email, password: winner })).status).toBe(200);
    expect((await post("/api/auth/login", { email: user.email, password: loser })).status).toBe(401);
  });
});

describe("session revocation closes live sockets", () => {
  it("refresh-token reuse ends the session and closes its sockets", async () => {
    const user = await signUp();
    const rotated = cookiesFrom(await post("/api/auth/refresh", undefined, user.cookie), user.cookie);
    const live = await openLive(rotated);
    await env.DB.prepare("UPDATE refresh_tokens SET rotated_at = rotated_at - 60000 WHERE rotated_at IS NOT NULL").run();
    expect((await post("/api/auth/refresh", undefined, user.cookie)).status).toBe(401);
    expect(await live.closedSoon()).toBe(true);
  });

  it("sign out everywhere closes every device's sockets", async () => {
    const user = await signUp();
    const other = await secondDevice(user);
    const theirs = await openLive(other);
    expect((await post("/api/auth/logout-all", undefined, user.cookie)).status).toBe(204);
    expect(await theirs.closedSoon()).toBe(true);
  });

  it("'this wasn't me' closes every device's sockets", async () => {
    const user = await signUp();
    const live = await openLive(user.cookie);
    expect(
      (
        await api("/api/me", {
          method: "PATCH",
          cookie: user.cookie,
          json: { email: `x-${crypto.randomUUID()}@example.com`, currentPassword: user.password },
        })
      ).status,
    ).toBe(200);
    const notice = await waitForEmail(user.email, /being changed/);
    expect((await post("/api/auth/cancel-email-change", { token: tokenFromEmail(notice.text) })).status).toBe(200);
    expect(await live.closedSoon()).toBe(true);
  });
});

describe("logout after the access token expired", () => {
  it("revokes the session through the refresh cookie and closes its sockets", async () => {
    const user = await signUp();
    const live = await openLive(user.cookie);
    // Fifteen idle minutes later the browser no longer sends the access cookie, only the refresh one.
    const refreshOnly = user.cookie
      .split("; ")
      .filter((c) => c.startsWith("ausar_rt="))
      .join("; ");
    expect(refreshOnly).not.toBe("");
    const res = await post("/api/auth/logout", undefined, refreshOnly);
    expect(res.status).toBe(204);
    expect((await post("/api/auth/refresh", undefined, refreshOnly)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(401);
    expect(await live.closedSoon()).toBe(true);
  });
});

describe("absolute session lifetime", () => {
  it("refresh past 90 days from sign-in fails with 401 and revokes the session, however recently it was used", async () => {
    const user = await signUp();
    await ageSessions(user, 91 * DAY);
    // Used yesterday: the idle limit alone would keep it alive.
    await env.DB.prepare("UPDATE sessions SET last_used_at = ?1, expires_at = ?2 WHERE user_id = ?3")
      .bind(Date.now() - DAY, Date.now() + 29 * DAY, user.userId)
      .run();
    const res = await post("/api/auth/refresh", undefined, user.cookie);
    expect(res.status).toBe(401);
    const row = await env.DB.prepare("SELECT revoked_at, revoke_reason FROM sessions WHERE user_id = ?").bind(user.userId).first();
    expect(row).toMatchObject({ revoked_at: expect.any(Number), revoke_reason: "lifetime_ended" });
  });

  it("refresh within the lifetime never extends the session past it", async () => {
    const user = await signUp();
    await ageSessions(user, 89 * DAY);
    expect((await post("/api/auth/refresh", undefined, user.cookie)).status).toBe(200);
    const row = await env.DB.prepare("SELECT created_at, expires_at FROM sessions WHERE user_id = ?")
      .bind(user.userId)
      .first<{ created_at: number; expires_at: number }>();
    expect(row!.expires_at).toBe(row!.created_at + 90 * DAY);
  });
});
