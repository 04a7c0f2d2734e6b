import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiKeyView, CreatedApiKeyResponse } from "../../shared/developers";
import { api, randomIp, signUp, signUpVerified, type TestUser } from "../support/users";

// biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
type Json = Record<string, any>;

async function makeKey(user: TestUser, body: Json = { name: "CI script", scopes: ["credits:read"] }): Promise<CreatedApiKeyResponse> {
  const res = await api("/api/developers/keys", { method: "POST", cookie: user.cookie, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<CreatedApiKeyResponse>();
}

const withKey = (secret: string, init: Parameters<typeof api>[1] = {}) =>
  ({ ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${secret}` } }) as Parameters<typeof api>[1];

async function errorCode(res: Response): Promise<string> {
  return (await res.json<{ error: { code: string } }>()).error.code;
}

async function keysOf(user: TestUser): Promise<ApiKeyView[]> {
  return (await (await api("/api/developers/keys", { cookie: user.cookie })).json<{ keys: ApiKeyView[] }>()).keys;
}

describe("API keys: made, listed and revoked from the web app", () => {
  it("shows the secret once, lists the key by its prefix (never the secret), and revokes it", async () => {
    const user = await signUp();
    const created = await makeKey(user, { name: "Render farm", scopes: ["generate", "gallery:read"], monthlyCreditCap: 500 });
    expect(created.secret).toMatch(/^ausar_sk_[A-Za-z0-9_-]{43}$/);
    expect(created.key).toMatchObject({
      name: "Render farm",
      scopes: ["gallery:read", "generate"],
      monthlyCreditCap: 500,
      lastUsedAt: null,
      spentThisMonth: 0,
    });
    expect(created.secret.startsWith(created.key.prefix)).toBe(true);
    const listed = await api("/api/developers/keys", { cookie: user.cookie });
    const text = await listed.text();
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain("secretHash");
    expect((JSON.parse(text) as { keys: ApiKeyView[] }).keys.map((k) => k.id)).toEqual([created.key.id]);
    // Only the hash is stored.
    const stored = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(created.key.id).first<Json>();
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(9));

    expect((await api(`/api/developers/keys/${created.key.id}`, { method: "DELETE", cookie: user.cookie })).status).toBe(204);
    expect(await keysOf(user)).toEqual([]);
    expect((await api(`/api/developers/keys/${created.key.id}`, { method: "DELETE", cookie: user.cookie })).status).toBe(404);
  });

  it("refuses bad input with field issues, and an eleventh live key with 409, writing nothing", async () => {
    const user = await signUp();
    for (const body of [
      { name: "x", scopes: [] },
      { name: "x", scopes: ["admin"] },
      { name: "", scopes: ["generate"] },
      { name: "x", scopes: ["generate", "generate"] },
      { name: "x", scopes: ["generate"], monthlyCreditCap: 0 },
      { name: "x", scopes: ["generate"], monthlyCreditCap: 1.5 },
      { name: "x", scopes: ["generate"], extra: true },
    ]) {
      const res = await api("/api/developers/keys", { method: "POST", cookie: user.cookie, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe("validation_failed");
    }
    expect(await keysOf(user)).toEqual([]);
    for (let n = 0; n < 10; n++) await makeKey(user, { name: `key ${n}`, scopes: ["credits:read"] });
    const eleventh = await api("/api/developers/keys", {
      method: "POST",
      cookie: user.cookie,
      json: { name: "one more", scopes: ["generate"] },
    });
    expect(eleventh.status).toBe(409);
    expect((await keysOf(user)).length).toBe(10);
    // Revoking one frees a place.
    const [newest] = await keysOf(user);
    await api(`/api/developers/keys/${newest!.id}`, { method: "DELETE", cookie: user.cookie });
    await makeKey(user, { name: "replacement", scopes: ["generate"] });
  });

  it("keeps other people's keys out of reach: listing is per person, revoking another's is 404", async () => {
    const owner = await signUp();
    const other = await signUp();
    const { key, secret } = await makeKey(owner);
    expect(await keysOf(other)).toEqual([]);
    expect((await api(`/api/developers/keys/${key.id}`, { method: "DELETE", cookie: other.cookie })).status).toBe(404);
    expect((await api("/api/credits", withKey(secret))).status).toBe(200);
  });
});

describe("Bearer keys: what they may call", () => {
  it("calls the routes its scopes allow, without Origin or cookies, and nothing else", async () => {
    const user = await signUpVerified();
    const { secret } = await makeKey(user, { name: "all", scopes: ["credits:read", "gallery:read"] });
    const credits = await api("/api/credits", withKey(secret));
    expect(credits.status).toBe(200);
    expect((await credits.json<Json>()).available).toBeGreaterThan(0);
    expect(credits.headers.getSetCookie()).toEqual([]);
    expect((await api("/api/credits/ledger", withKey(secret))).status).toBe(200);
    expect((await api("/api/media", withKey(secret))).status).toBe(200);
    // Scopes it does not have.
    const generate = await api(
      "/api/generations",
      withKey(secret, { method: "POST", json: { model: "demo-image", prompt: "a", count: 1 } }),
    );
    expect(generate.status).toBe(403);
    expect(await errorCode(generate)).toBe("insufficient_scope");
    // Routes no key may call, whatever its scopes: account, billing, privacy, support, staff, keys.
    for (const [method, path] of [
      ["GET", "/api/me"],
      ["GET", "/api/auth/sessions"],
      ["GET", "/api/billing/payments"],
      ["POST", "/api/account/export"],
      ["GET", "/api/support/threads"],
      ["GET", "/api/admin/users"],
      ["GET", "/api/developers/keys"],
      ["POST", "/api/developers/keys"],
      ["GET", "/api/live"],
    ]) {
      const res = await api(path!, withKey(secret, { method, json: method === "POST" ? {} : undefined }));
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await errorCode(res), `${method} ${path}`).toBe("api_key_not_allowed");
    }
  });

  it("answers 401 invalid_api_key for an unknown, malformed, revoked key or another scheme, and at once when the account is deleted", async () => {
    const user = await signUpVerified();
    const { key, secret } = await makeKey(user);
    for (const header of [`Bearer ausar_sk_${"A".repeat(43)}`, "Bearer nonsense", `Basic ${btoa("a:b")}`, "Bearer"]) {
      const res = await api("/api/credits", { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
      expect(await errorCode(res)).toBe("invalid_api_key");
    }
    await api(`/api/developers/keys/${key.id}`, { method: "DELETE", cookie: user.cookie });
    expect((await api("/api/credits", withKey(secret))).status).toBe(401);

    const leaving = await signUpVerified();
    const live = await makeKey(leaving);
    expect((await api("/api/credits", withKey(live.secret))).status).toBe(200);
    const ip = randomIp();
    const deletion = await api("/api/account", { method: "DELETE", cookie: leaving.cookie, ip, json: { password: leaving.password } });
    expect(deletion.status).toBeLessThan(300);
    expect((await api("/api/credits", withKey(live.secret))).status).toBe(401);
  });

  it("answers 429 with Retry-After past the key's rate, and records when it was last used", async () => {
    const user = await signUpVerified();
    const { key, secret } = await makeKey(user);
    expect((await api("/api/credits", withKey(secret))).status).toBe(200);
    await expect.poll(async () => (await keysOf(user))[0]?.lastUsedAt).toBeGreaterThan(0);
    const now = Date.now();
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 300) ON CONFLICT DO UPDATE SET count = 300")
      .bind(`api_key:${key.id}`, now - (now % 60_000))
      .run();
    const limited = await api("/api/credits", withKey(secret));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await errorCode(limited)).toBe("rate_limited");
  });
});

describe("a key's monthly credit cap", () => {
  it("holds concurrent generations on one key within the cap, refuses the rest with key_cap_reached, and counts what it spent", async () => {
    const user = await signUpVerified();
    const { key, secret } = await makeKey(user, { name: "capped", scopes: ["generate"], monthlyCreditCap: 2 });
    const start = () =>
      api(
        "/api/generations",
        withKey(secret, { method: "POST", ip: randomIp(), json: { model: "demo-image", prompt: "a kite", count: 1 } }),
      );
    const answers = await Promise.all([start(), start(), start(), start()]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 402, 402]);
    const refused = answers.find((r) => r.status === 402)!;
    expect(await errorCode(refused)).toBe("key_cap_reached");
    const [listed] = await keysOf(user);
    expect(listed).toMatchObject({ id: key.id, spentThisMonth: 2 });
    // The web app is not bound by a key's cap.
    const web = await api("/api/generations", {
      method: "POST",
      cookie: user.cookie,
      json: { model: "demo-image", prompt: "by hand", count: 1 },
    });
    expect(web.status).toBe(202);
    // The jobs are the person's, seen in the web app too.
    const jobs = (await (await api("/api/generations", { cookie: user.cookie })).json<{ items: { id: string }[] }>()).items;
    expect(jobs.length).toBe(3);
  });
});
