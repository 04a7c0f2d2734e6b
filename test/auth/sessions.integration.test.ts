import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, cookiesFrom, signUp } from "../support/users";

const me = (cookie: string) => api("/api/me", { cookie });
const refresh = (cookie: string) => api("/api/auth/refresh", { method: "POST", cookie });
const pick = (cookie: string, name: string) => cookie.split("; ").find((c) => c.startsWith(`${name}=`)) ?? "";

describe("sessions", () => {
  it("GET /api/me answers 401 without a session and the user with one", async () => {
    expect((await api("/api/me")).status).toBe(401);
    const user = await signUp();
    const res = await me(user.cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { id: user.userId, email: user.email, name: user.name, role: "user", emailVerified: false },
      credits: { available: expect.any(Number), held: 0 },
    });
  });

  it("logout revokes the session: replayed access and refresh cookies no longer work", async () => {
    const user = await signUp();
    const res = await api("/api/auth/logout", { method: "POST", cookie: user.cookie });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().every((line) => /Max-Age=0/i.test(line))).toBe(true);
    expect(res.headers.get("Clear-Site-Data")).toBe('"cache"');
    expect((await me(user.cookie)).status).toBe(401);
    expect((await refresh(user.cookie)).status).toBe(401);
  });

  it("refresh rotates the refresh token and issues a new access token", async () => {
    const user = await signUp();
    const res = await refresh(user.cookie);
    expect(res.status).toBe(200);
    const rotated = cookiesFrom(res, user.cookie);
    expect(pick(rotated, "ausar_rt")).not.toBe(pick(user.cookie, "ausar_rt"));
    expect((await me(rotated)).status).toBe(200);
  });

  it("a rotated refresh token presented again after the race window revokes the whole family", async () => {
    const user = await signUp();
    const rotated = cookiesFrom(await refresh(user.cookie), user.cookie);
    // Age the rotation beyond the grace window, as if the old token were replayed later by a thief.
    await env.DB.prepare("UPDATE refresh_tokens SET rotated_at = rotated_at - 60000 WHERE rotated_at IS NOT NULL").run();
    const reuse = await refresh(user.cookie);
    expect(reuse.status).toBe(401);
    expect((await me(rotated)).status).toBe(401);
    expect((await refresh(rotated)).status).toBe(401);
    const session = await env.DB.prepare("SELECT revoke_reason FROM sessions WHERE user_id = ?").bind(user.userId).first();
    expect(session).toEqual({ revoke_reason: "refresh_token_reuse" });
  });

  it("two tabs refreshing with the same token at once: one wins, the other is refused without ending the session", async () => {
    const user = await signUp();
    const [a, b] = await Promise.all([refresh(user.cookie), refresh(user.cookie)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const winner = a.status === 200 ? a : b;
    expect((await me(cookiesFrom(winner, user.cookie))).status).toBe(200);
  });

  it("sign out everywhere ends every session of the user", async () => {
    const user = await signUp();
    const login = await api("/api/auth/login", { method: "POST", json: { email: user.email, password: user.password } });
    const second = cookiesFrom(login);
    expect((await api("/api/auth/logout-all", { method: "POST", cookie: user.cookie })).status).toBe(204);
    expect((await me(user.cookie)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
  });

  it("lists signed-in devices with browser, OS and screen only, and revokes one of them", async () => {
    const user = await signUp();
    const login = await api("/api/auth/login", {
      method: "POST",
      json: { email: user.email, password: user.password },
      headers: { "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15" },
    });
    const second = cookiesFrom(login);
    const list = await (await api("/api/auth/sessions", { cookie: user.cookie })).json<{
      sessions: { id: string; browser: string; os: string; current: boolean }[];
    }>();
    expect(list.sessions).toHaveLength(2);
    const other = list.sessions.find((s) => !s.current)!;
    expect(other).toMatchObject({ browser: "Safari", os: "macOS" });
    expect(Object.keys(other).sort()).toEqual(["browser", "createdAt", "current", "id", "lastUsedAt", "os", "screen"]);
    expect((await api(`/api/auth/sessions/${other.id}`, { method: "DELETE", cookie: user.cookie })).status).toBe(204);
    expect((await me(second)).status).toBe(401);
    expect((await me(user.cookie)).status).toBe(200);
  });

  it("cannot revoke another user's session (404), nor a malformed id", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const bobs = await (await api("/api/auth/sessions", { cookie: bob.cookie })).json<{ sessions: { id: string }[] }>();
    expect((await api(`/api/auth/sessions/${bobs.sessions[0]!.id}`, { method: "DELETE", cookie: alice.cookie })).status).toBe(404);
    expect((await api("/api/auth/sessions/not-an-id", { method: "DELETE", cookie: alice.cookie })).status).toBe(404);
    expect((await me(bob.cookie)).status).toBe(200);
  });

  it("refuses expired, tampered, wrongly signed and wrong-audience access tokens", async () => {
    const user = await signUp();
    const access = pick(user.cookie, "ausar_at").split("=")[1]!;
    const sid = JSON.parse(atob(access.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).sid as string;
    const key = new TextEncoder().encode(env.JWT_SECRET);
    const base = () => new SignJWT({ sid }).setProtectedHeader({ alg: "HS256" }).setSubject(user.userId).setIssuer("ausar");
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      expired: await base()
        .setAudience("ausar:api")
        .setIssuedAt(now - 3600)
        .setExpirationTime(now - 1800)
        .sign(key),
      wrongAudience: await base()
        .setAudience("someone-else")
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key),
      wrongKey: await base()
        .setAudience("ausar:api")
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode("not-the-secret")),
      tampered: `${access.slice(0, -4)}AAAA`,
      none: `${btoa(JSON.stringify({ alg: "none" })).replace(/=/g, "")}.${access.split(".")[1]}.`,
    };
    for (const [label, token] of Object.entries(tokens)) {
      expect((await me(`ausar_at=${token}`)).status, label).toBe(401);
    }
    const valid = await base()
      .setAudience("ausar:api")
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    expect((await me(`ausar_at=${valid}`)).status).toBe(200);
  });
});
