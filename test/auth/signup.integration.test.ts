import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { POLICY_VERSION } from "../../shared/policy";
import { LIMITS } from "../../workers/auth/limits";
import { countEvent } from "../../workers/lib/rate-limit";
import { api, cookiesFrom, randomIp, signUp, TEST_PASSWORD } from "../support/users";

const IP = "198.51.100.10";
const body = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${crypto.randomUUID()}@example.com`,
  name: "Ada Lovelace",
  password: TEST_PASSWORD,
  ageConfirmed: true,
  acceptPolicies: true,
  ...overrides,
});
const countUsers = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>())!.n;

describe("POST /api/auth/signup", () => {
  it("creates the account, records both consents with the policy version and signs in, with no credits before verification", async () => {
    const input = body({ email: `  Mixed.Case-${crypto.randomUUID()}@Example.COM ` });
    const res = await api("/api/auth/signup", { method: "POST", ip: IP, json: input });
    expect(res.status).toBe(201);
    const { user } = await res.json<{ user: { id: string; email: string; emailVerified: boolean; role: string } }>();
    expect(user.email).toBe(input.email.trim().toLowerCase());
    expect(user).toMatchObject({ emailVerified: false, role: "user" });

    const consents = await env.DB.prepare("SELECT purpose, policy_version, granted FROM consents WHERE user_id = ? ORDER BY purpose")
      .bind(user.id)
      .all();
    expect(consents.results).toEqual([
      { purpose: "privacy_policy", policy_version: POLICY_VERSION, granted: 1 },
      { purpose: "terms", policy_version: POLICY_VERSION, granted: 1 },
    ]);
    const stored = await env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(user.id).first<Record<string, unknown>>();
    expect(stored!.age_confirmed_at).toBeTypeOf("number");
    expect(String(stored!.password_hash)).toMatch(/^scrypt\$16384\$8\$5\$/);

    const me = await api("/api/me", { cookie: cookiesFrom(res) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: user.id }, credits: { available: 0, held: 0 } });
    const ledger = await env.DB.prepare("SELECT delta FROM credit_ledger WHERE user_id = ?").bind(user.id).all();
    expect(ledger.results).toEqual([]);
  });

  it("sets HttpOnly, SameSite=Lax session cookies: Secure with the __Host- prefix over https, plain on http localhost", async () => {
    const http = await api("/api/auth/signup", { method: "POST", ip: IP, json: body() });
    for (const line of http.headers.getSetCookie()) {
      expect(line).toMatch(/HttpOnly/);
      expect(line).toMatch(/SameSite=Lax/);
      expect(line).toMatch(/Path=\//);
      expect(line).not.toMatch(/Secure/);
    }
    expect(
      http.headers
        .getSetCookie()
        .map((l) => l.split("=")[0])
        .sort(),
    ).toEqual(["ausar_at", "ausar_rt"]);

    const { exports } = await import("cloudflare:workers");
    const https = await exports.default.fetch(
      new Request("https://ausar.example/api/auth/signup", {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": IP },
        body: JSON.stringify(body()),
      }),
    );
    expect(https.status).toBe(201);
    const lines = https.headers.getSetCookie();
    expect(lines.map((l) => l.split("=")[0]).sort()).toEqual(["__Host-ausar_at", "__Host-ausar_rt"]);
    for (const line of lines) expect(line).toMatch(/; Secure/);
    expect(https.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
  });

  it("keeps Secure and the __Host- prefix on plain http to any host but loopback", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch(
      new Request("http://ausar.example/api/auth/signup", {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": IP },
        body: JSON.stringify(body()),
      }),
    );
    expect(res.status).toBe(201);
    for (const line of res.headers.getSetCookie()) {
      expect(line).toMatch(/^__Host-ausar_(at|rt)=/);
      expect(line).toMatch(/; Secure/);
    }
  });

  it("captures a valid referral code and ignores an unknown one", async () => {
    const referrer = await signUp();
    const code = (await (await api("/api/me", { cookie: referrer.cookie })).json<{ user: { referralCode: string } }>()).user.referralCode;
    const referred = await signUp({ referralCode: code.toLowerCase() });
    const row = await env.DB.prepare("SELECT referred_by FROM users WHERE id = ?").bind(referred.userId).first();
    expect(row).toEqual({ referred_by: referrer.userId });
    const stranger = await signUp({ referralCode: "NOSUCHCODE" });
    expect(await env.DB.prepare("SELECT referred_by FROM users WHERE id = ?").bind(stranger.userId).first()).toEqual({ referred_by: null });
  });

  it("answers 409 email_taken for an address already registered, whatever its case", async () => {
    const existing = await signUp();
    const res = await api("/api/auth/signup", { method: "POST", ip: IP, json: body({ email: existing.email.toUpperCase() }) });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "email_taken" } });
  });
});

describe("sign-up refuses bad input with 400 and writes nothing", () => {
  const cases: [string, () => RequestInit & { json?: unknown }][] = [
    ["age not confirmed", () => ({ json: body({ ageConfirmed: false }) })],
    ["policies not accepted", () => ({ json: body({ acceptPolicies: undefined }) })],
    ["short password", () => ({ json: body({ password: "short" }) })],
    ["missing email", () => ({ json: body({ email: undefined }) })],
    ["invalid email", () => ({ json: body({ email: "not-an-email" }) })],
    ["wrong types", () => ({ json: body({ name: 42, ageConfirmed: "true" }) })],
    ["unknown field", () => ({ json: body({ isAdmin: true }) })],
    ["empty object", () => ({ json: {} })],
    ["array body", () => ({ json: [] })],
    ["malformed JSON", () => ({ body: '{"email": ', headers: { "Content-Type": "application/json" } })],
    ["not JSON content type", () => ({ body: "email=a@b.c", headers: { "Content-Type": "application/x-www-form-urlencoded" } })],
  ];

  for (const [label, init] of cases) {
    it(label, async () => {
      const before = await countUsers();
      const res = await api("/api/auth/signup", { method: "POST", ip: randomIp(), ...init() });
      expect(res.status).toBe(400);
      const json = await res.json<{ error: { code: string; message: string } }>();
      expect(json.error.code).toMatch(/^(validation_failed|invalid_json)$/);
      expect(json.error.message.length).toBeGreaterThan(0);
      expect(await countUsers()).toBe(before);
    });
  }

  it("lists field issues with paths", async () => {
    const res = await api("/api/auth/signup", { method: "POST", ip: randomIp(), json: body({ ageConfirmed: false, password: "short" }) });
    const json = await res.json<{ issues: { path: string; message: string }[]; error: { issues: unknown[] } }>();
    expect(json.issues.map((i) => i.path).sort()).toEqual(["ageConfirmed", "password"]);
    expect(json.error.issues).toEqual(json.issues);
  });

  it("refuses a common password with the estimator's advice on the password field", async () => {
    const before = await countUsers();
    const res = await api("/api/auth/signup", { method: "POST", ip: randomIp(), json: body({ password: "password1234" }) });
    expect(res.status).toBe(400);
    const json = await res.json<{ error: { code: string }; issues: { path: string; message: string }[] }>();
    expect(json.error.code).toBe("weak_password");
    expect(json.issues[0]).toMatchObject({ path: "password" });
    expect(await countUsers()).toBe(before);
  });

  it("refuses an oversized body with 413 before parsing", async () => {
    const res = await api("/api/auth/signup", { method: "POST", ip: randomIp(), json: body({ name: "x".repeat(100_000) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });
});

describe("sign-up rate limit", () => {
  it("counts every IPv6 address of one /64 against the same limit", async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    // Fill the bucket as 20 sign-ups would (cheaper than 20 password hashes), then try from another address in the /64.
    for (let i = 0; i < 20; i++) await countEvent(env.DB, LIMITS.signupPerIp, `${prefix}::/64`, Date.now());
    const res = await api("/api/auth/signup", { method: "POST", ip: `${prefix}:1234:5678:9abc:def0`, json: body() });
    expect(res.status).toBe(429);
    const elsewhere = await api("/api/auth/signup", { method: "POST", ip: `${prefix.replace("2001:db8:", "2001:db9:")}::1`, json: body() });
    expect(elsewhere.status).toBe(201);
  });

  it("allows 20 sign-ups per IP per 10 minutes, then answers 429 with Retry-After", async () => {
    const ip = randomIp();
    for (let i = 0; i < 20; i++) {
      const res = await api("/api/auth/signup", { method: "POST", ip, json: body({ password: `${TEST_PASSWORD}-${i}` }) });
      expect(res.status, `sign-up ${i + 1}`).toBe(201);
    }
    const res = await api("/api/auth/signup", { method: "POST", ip, json: body() });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  }, 60_000);
});
