import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, randomIp, signUp, type TestUser, tokenFromEmail, waitForEmail } from "../support/users";

const patchMe = (user: TestUser, json: unknown) => api("/api/me", { method: "PATCH", cookie: user.cookie, json, ip: randomIp() });
const post = (path: string, json: unknown, cookie?: string) => api(path, { method: "POST", json, cookie, ip: randomIp() });
const newAddress = () => `moved-${crypto.randomUUID()}@example.com`;

/** Every email in the development outbox to `to`. */
async function emailsTo(to: string): Promise<{ subject: string; text: string }[]> {
  const { emails } = await (await api("/api/dev/emails")).json<{ emails: { to: string; subject: string; text: string }[] }>();
  return emails.filter((e) => e.to === to);
}

/** What a refusal must leave untouched: the user row and the user's email tokens. */
async function accountState(userId: string) {
  const user = await env.DB.prepare("SELECT name, email, email_verified_at FROM users WHERE id = ?").bind(userId).first();
  const tokens = await env.DB.prepare("SELECT token_hash, used_at FROM email_tokens WHERE user_id = ? ORDER BY token_hash")
    .bind(userId)
    .all();
  return { user, tokens: tokens.results };
}

/** Lets delivery after the response (waitUntil) land before the outbox is read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("PATCH /api/me", () => {
  it("a refused update writes nothing: no rename, no pending change, no email", async () => {
    const user = await signUp();
    const other = await signUp();
    const before = await accountState(user.userId);
    const target = newAddress();
    const refusals = [
      { json: { name: "New Name", email: target }, status: 400 },
      { json: { name: "New Name", email: target, currentPassword: "not-my-password" }, status: 400 },
      { json: { name: "New Name", email: other.email }, status: 400 },
      { json: { name: "", email: target, currentPassword: user.password }, status: 400 },
    ];
    for (const { json, status } of refusals) {
      const res = await patchMe(user, json);
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    await settle();
    expect(await accountState(user.userId)).toEqual(before);
    expect(await emailsTo(target)).toEqual([]);
    expect((await emailsTo(user.email)).filter((e) => /being changed/.test(e.subject))).toEqual([]);
  });

  it("an email change needs the current password; a rename alone does not", async () => {
    const user = await signUp();
    const missing = await patchMe(user, { email: newAddress() });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: "validation_failed", issues: [{ path: "currentPassword" }] } });
    const renamed = await patchMe(user, { name: "Ada Lovelace" });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ user: { name: "Ada Lovelace", pendingEmail: null } });
  });

  it("rate limits email changes per user, counting wrong passwords too, and writes nothing past the limit", async () => {
    const user = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await patchMe(user, { email: newAddress(), currentPassword: `wrong-${i}` })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const before = await accountState(user.userId);
    const limited = await patchMe(user, { name: "Renamed", email: newAddress(), currentPassword: user.password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await accountState(user.userId)).toEqual(before);
  });

  it("answers a taken address exactly like a free one, and its owner hears nothing", async () => {
    const user = await signUp();
    const holder = await signUp();
    const holderMailBefore = (await emailsTo(holder.email)).length;
    const taken = await patchMe(user, { email: holder.email, currentPassword: user.password });
    expect(taken.status).toBe(200);
    const takenBody = await taken.json<{ user: Record<string, unknown> }>();
    const free = newAddress();
    const second = await signUp();
    const freeRes = await patchMe(second, { email: free, currentPassword: second.password });
    expect(freeRes.status).toBe(200);
    const freeBody = await freeRes.json<{ user: Record<string, unknown> }>();
    expect(Object.keys(takenBody.user).sort()).toEqual(Object.keys(freeBody.user).sort());
    expect(takenBody.user).toMatchObject({ email: user.email, pendingEmail: holder.email });
    expect(freeBody.user).toMatchObject({ email: second.email, pendingEmail: free });
    // Both old addresses hear of the change; only the free new address gets a link.
    await waitForEmail(user.email, /being changed/);
    await waitForEmail(second.email, /being changed/);
    await waitForEmail(free, /Confirm your email/);
    await settle();
    expect((await emailsTo(holder.email)).length).toBe(holderMailBefore);
  });

  it("a newer email change supersedes the link of an earlier one", async () => {
    const user = await signUp();
    const first = newAddress();
    expect((await patchMe(user, { email: first, currentPassword: user.password })).status).toBe(200);
    const firstToken = tokenFromEmail((await waitForEmail(first, /Confirm your email/)).text);
    const second = newAddress();
    expect((await patchMe(user, { email: second, currentPassword: user.password })).status).toBe(200);
    expect((await post("/api/auth/verify-email", { token: firstToken })).status).toBe(400);
    const secondToken = tokenFromEmail((await waitForEmail(second, /Confirm your email/)).text);
    expect(await (await post("/api/auth/verify-email", { token: secondToken })).json()).toMatchObject({ user: { email: second } });
  });
});

describe("verifying a changed address", () => {
  it("refuses (409) an address another account took meanwhile, and writes nothing", async () => {
    const user = await signUp();
    const target = newAddress();
    expect((await patchMe(user, { email: target, currentPassword: user.password })).status).toBe(200);
    const token = tokenFromEmail((await waitForEmail(target, /Confirm your email/)).text);
    await signUp({ email: target });
    const before = await accountState(user.userId);
    const res = await post("/api/auth/verify-email", { token });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "email_taken" } });
    expect(await accountState(user.userId)).toEqual(before);
  });
});

describe("this wasn't me", () => {
  it("cancels a pending change without signing in, and signs out everywhere", async () => {
    const user = await signUp();
    const target = newAddress();
    expect((await patchMe(user, { email: target, currentPassword: user.password })).status).toBe(200);
    const notice = await waitForEmail(user.email, /being changed/);
    expect(notice.text).toContain("http://localhost/cancel-email-change?token=");
    const verifyToken = tokenFromEmail((await waitForEmail(target, /Confirm your email/)).text);
    const res = await post("/api/auth/cancel-email-change", { token: tokenFromEmail(notice.text) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, email: user.email });
    expect((await api("/api/me", { cookie: user.cookie })).status).toBe(401);
    expect((await post("/api/auth/verify-email", { token: verifyToken })).status).toBe(400);
    const row = await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(user.userId).first();
    expect(row).toEqual({ email: user.email });
    // The link works once.
    expect((await post("/api/auth/cancel-email-change", { token: tokenFromEmail(notice.text) })).status).toBe(400);
  });

  it("restores the old address when the change already went through", async () => {
    const user = await signUp();
    const target = newAddress();
    expect((await patchMe(user, { email: target, currentPassword: user.password })).status).toBe(200);
    const notice = await waitForEmail(user.email, /being changed/);
    const verifyToken = tokenFromEmail((await waitForEmail(target, /Confirm your email/)).text);
    expect((await post("/api/auth/verify-email", { token: verifyToken })).status).toBe(200);
    const res = await post("/api/auth/cancel-email-change", { token: tokenFromEmail(notice.text) });
    expect(res.status).toBe(200);
    expect(await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(user.userId).first()).toEqual({ email: user.email });
    expect((await post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  });

  it("refuses unknown tokens and nonsense with 400", async () => {
    expect((await post("/api/auth/cancel-email-change", { token: "made-up" })).status).toBe(400);
    expect((await post("/api/auth/cancel-email-change", {})).status).toBe(400);
  });
});
