import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, cookiesFrom, randomIp, signUp, tokenFromEmail, waitForEmail } from "../support/users";

const post = (path: string, json: unknown, cookie?: string) => api(path, { method: "POST", json, cookie, ip: randomIp() });
const NEW_PASSWORD = "lantern-orchard-velvet-93";

describe("email verification", () => {
  it("verifies the address from the emailed link, once; the link opened again says it is already verified", async () => {
    const user = await signUp();
    const email = await waitForEmail(user.email, /Confirm your email/);
    // Local development: links follow the origin the app was reached on, not PUBLIC_URL.
    expect(email.text).toContain("http://localhost/verify-email?token=");
    const token = tokenFromEmail(email.text);
    const res = await post("/api/auth/verify-email", { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { emailVerified: true } });
    const again = await post("/api/auth/verify-email", { token });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "already_verified", message: "This address is already verified." } });
  });

  it("refuses an expired or unknown token", async () => {
    const user = await signUp();
    const token = tokenFromEmail((await waitForEmail(user.email, /Confirm your email/)).text);
    await env.DB.prepare("UPDATE email_tokens SET expires_at = 0 WHERE user_id = ?").bind(user.userId).run();
    expect((await post("/api/auth/verify-email", { token })).status).toBe(400);
    expect((await post("/api/auth/verify-email", { token: "made-up" })).status).toBe(400);
  });

  it("stores tokens only as hashes", async () => {
    const user = await signUp();
    const token = tokenFromEmail((await waitForEmail(user.email, /Confirm your email/)).text);
    const rows = await env.DB.prepare("SELECT token_hash FROM email_tokens WHERE user_id = ?")
      .bind(user.userId)
      .all<{ token_hash: string }>();
    expect(rows.results.map((r) => r.token_hash)).not.toContain(token);
    expect(rows.results[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("password reset", () => {
  it("answers 202 alike for known and unknown addresses", async () => {
    const user = await signUp();
    const known = await post("/api/auth/forgot-password", { email: user.email });
    const unknown = await post("/api/auth/forgot-password", { email: `nobody-${crypto.randomUUID()}@example.com` });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
  });

  it("sets a new password from the link, ends every session, and the link works once", async () => {
    const user = await signUp();
    await post("/api/auth/forgot-password", { email: user.email });
    const token = tokenFromEmail((await waitForEmail(user.email, /Reset your/)).text);
    expect((await post("/api/auth/reset-password", { token, password: "password1234" })).status).toBe(400);
    const res = await post("/api/auth/reset-password", { token, password: NEW_PASSWORD });
    // The weak attempt above did not use the token up: validation runs before it is consumed.
    expect(res.status).toBe(200);
    expect((await api("/api/me", { cookie: user.cookie })).status).toBe(401);
    expect((await post("/api/auth/login", { email: user.email, password: user.password })).status).toBe(401);
    expect((await post("/api/auth/login", { email: user.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await post("/api/auth/reset-password", { token, password: `${NEW_PASSWORD}-again` })).status).toBe(400);
  });
});

describe("profile", () => {
  it("renames at once and changes email only after the new address is verified", async () => {
    const user = await signUp();
    const newEmail = `moved-${crypto.randomUUID()}@example.com`;
    const res = await api("/api/me", {
      method: "PATCH",
      cookie: user.cookie,
      json: { name: "Grace Hopper", email: newEmail, currentPassword: user.password },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { name: "Grace Hopper", email: user.email, pendingEmail: newEmail } });
    await waitForEmail(user.email, /being changed/);
    const token = tokenFromEmail((await waitForEmail(newEmail, /Confirm your email/)).text);
    expect(await (await post("/api/auth/verify-email", { token })).json()).toMatchObject({
      user: { email: newEmail, emailVerified: true, pendingEmail: null },
    });
  });

  it("refuses bad profile input", async () => {
    const user = await signUp();
    expect((await api("/api/me", { method: "PATCH", cookie: user.cookie, json: {} })).status).toBe(400);
    expect((await api("/api/me", { method: "PATCH", cookie: user.cookie, json: { name: "" } })).status).toBe(400);
    expect((await api("/api/me", { method: "PATCH", cookie: user.cookie, json: { role: "admin" } })).status).toBe(400);
    expect((await api("/api/me", { method: "PATCH", json: { name: "x" } })).status).toBe(401);
  });

  it("changes the password with the current one and signs out the other devices", async () => {
    const user = await signUp();
    const other = cookiesFrom(await post("/api/auth/login", { email: user.email, password: user.password }));
    const wrong = await api("/api/auth/change-password", {
      method: "POST",
      cookie: user.cookie,
      json: { currentPassword: "nope-nope-nope", newPassword: NEW_PASSWORD },
    });
    expect(wrong.status).toBe(400);
    const res = await api("/api/auth/change-password", {
      method: "POST",
      cookie: user.cookie,
      json: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(res.status).toBe(204);
    expect((await api("/api/me", { cookie: user.cookie })).status).toBe(200);
    expect((await api("/api/me", { cookie: other })).status).toBe(401);
  });
});

describe("development outbox", () => {
  it("is readable in local development", async () => {
    expect(env.ENVIRONMENT).toBe("development");
    const res = await api("/api/dev/emails");
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty("emails");
  });

  it("is not served on a public host, even by a development configuration deployed by mistake", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("https://ausar.example/api/dev/emails");
    expect(res.status).toBe(404);
  });
});
