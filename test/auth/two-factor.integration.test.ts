import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyFreshCode } from "../../workers/auth/two-factor/fresh-code";
import { codeAt } from "../../workers/auth/two-factor/totp";
import { database } from "../../workers/db/client";
import { api, cookiesFrom, randomIp, signUp, type TestUser } from "../support/users";

const STEP = 30_000;
const post = (path: string, cookie: string | undefined, json?: unknown) => api(path, { method: "POST", cookie, json, ip: randomIp() });

/** Turns two-factor on for `user` through the API; returns the secret and the recovery codes. */
async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await post("/api/account/2fa/totp", user.cookie);
  expect(started.status).toBe(200);
  const { secret, otpauthUrl } = await started.json<{ secret: string; otpauthUrl: string }>();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(otpauthUrl).toContain(`secret=${secret}`);
  expect(otpauthUrl).toContain("issuer=Ausar");
  const confirmed = await post("/api/account/2fa/totp/confirm", user.cookie, { code: codeAt(secret, Date.now()) });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = await confirmed.json<{ recoveryCodes: string[] }>();
  return { secret, recoveryCodes };
}

const login = (user: TestUser) => post("/api/auth/login", undefined, { email: user.email, password: user.password });

async function ticketOf(user: TestUser): Promise<string> {
  const res = await login(user);
  expect(res.status).toBe(200);
  expect(res.headers.getSetCookie()).toEqual([]);
  const body = await res.json<{ secondFactor: string; ticket: string }>();
  expect(body.secondFactor).toBe("totp");
  return body.ticket;
}

const sessionProof = (userId: string) =>
  env.DB.prepare("SELECT second_factor_at FROM sessions WHERE user_id = ?1 ORDER BY created_at")
    .bind(userId)
    .all<{ second_factor_at: number | null }>();

describe("two-factor sign-in", () => {
  it("enrols with a QR secret and a first code; sign-in then asks for a code and proves the second factor", async () => {
    const user = await signUp();
    const { secret, recoveryCodes } = await enrol(user);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = await (await api("/api/me", { cookie: user.cookie })).json<{ user: { twoFactorEnabled: boolean } }>();
    expect(me.user.twoFactorEnabled).toBe(true);
    // Enrolling proved it for the session it was done in.
    expect((await sessionProof(user.userId)).results.map((r) => r.second_factor_at !== null)).toEqual([true]);

    const ticket = await ticketOf(user);
    // The enrolment used the current step's code; the next step's is fresh (the second test covers replays).
    const signedIn = await post("/api/auth/login/second-factor", undefined, { ticket, code: codeAt(secret, Date.now() + STEP) });
    expect(signedIn.status).toBe(200);
    const cookie = cookiesFrom(signedIn);
    expect((await api("/api/me", { cookie })).status).toBe(200);
    expect((await sessionProof(user.userId)).results.every((r) => r.second_factor_at !== null)).toBe(true);
    // Codes and recovery codes are not stored as given.
    const stored = await env.DB.prepare("SELECT code_hash FROM recovery_codes WHERE user_id = ?1")
      .bind(user.userId)
      .all<{ code_hash: string }>();
    expect(stored.results.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
  });

  it("refuses a wrong code, the same code twice, a forged ticket, and codes past the limit", async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    const ticket = await ticketOf(user);
    const wrong = await post("/api/auth/login/second-factor", undefined, {
      ticket,
      code: "000000" === codeAt(secret, Date.now()) ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_code" } });
    const next = codeAt(secret, Date.now() + STEP);
    expect((await post("/api/auth/login/second-factor", undefined, { ticket, code: next })).status).toBe(200);
    const again = await post("/api/auth/login/second-factor", undefined, { ticket, code: next });
    expect(again.status).toBe(400);
    const forged = await post("/api/auth/login/second-factor", undefined, { ticket: `${ticket}x`, code: next });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: { code: "invalid_token" } });
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++)
      status = (await post("/api/auth/login/second-factor", undefined, { ticket, code: "123456" })).status;
    expect(status).toBe(429);
  });

  it("takes each recovery code once, instead of an authenticator code", async () => {
    const user = await signUp();
    const { recoveryCodes } = await enrol(user);
    const code = recoveryCodes[3]!.toUpperCase();
    expect((await post("/api/auth/login/second-factor", undefined, { ticket: await ticketOf(user), code })).status).toBe(200);
    const reused = await post("/api/auth/login/second-factor", undefined, { ticket: await ticketOf(user), code });
    expect(reused.status).toBe(400);
  });

  it("answers bad requests with 4xx and changes nothing", async () => {
    const user = await signUp();
    expect((await post("/api/account/2fa/totp/confirm", user.cookie, { code: "123456" })).status).toBe(409);
    expect((await post("/api/account/2fa/totp/confirm", user.cookie, { code: 12 })).status).toBe(400);
    expect((await post("/api/account/2fa/totp/confirm", user.cookie, {})).status).toBe(400);
    expect((await post("/api/account/2fa/totp", undefined)).status).toBe(401);
    expect((await post("/api/auth/login/second-factor", undefined, { ticket: "nope", code: "123456" })).status).toBe(400);
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM totp_credentials WHERE user_id = ?1")
      .bind(user.userId)
      .first<{ n: number }>();
    expect(row!.n).toBe(0);
    // Enrolment started but not confirmed: sign-in still needs only the password.
    await post("/api/account/2fa/totp", user.cookie);
    const res = await login(user);
    expect(await res.json()).toHaveProperty("user");
  });

  it("turns off with a code for a user, never for staff; starting again while on is refused", async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    expect((await post("/api/account/2fa/totp", user.cookie)).status).toBe(409);
    const staff = await signUp();
    const staffSecret = (await enrol(staff)).secret;
    await env.DB.prepare("UPDATE users SET role = 'support' WHERE id = ?1").bind(staff.userId).run();
    const refused = await api("/api/account/2fa/totp", {
      method: "DELETE",
      cookie: staff.cookie,
      json: { code: codeAt(staffSecret, Date.now() + STEP) },
      ip: randomIp(),
    });
    expect(refused.status).toBe(403);
    const off = await api("/api/account/2fa/totp", {
      method: "DELETE",
      cookie: user.cookie,
      json: { code: codeAt(secret, Date.now() + STEP) },
      ip: randomIp(),
    });
    expect(off.status).toBe(204);
    expect(await (await login(user)).json()).toHaveProperty("user");
  });
});

describe("verifyFreshCode (staff step-up)", () => {
  it("passes a current code once, and refuses it for a second action, a wrong code and a person without two-factor", async () => {
    const user = await signUp();
    const { secret } = await enrol(user);
    const db = database(env.DB);
    const code = codeAt(secret, Date.now() + STEP);
    await expect(verifyFreshCode(db, user.userId, code, Date.now())).resolves.toBeUndefined();
    await expect(verifyFreshCode(db, user.userId, code, Date.now())).rejects.toMatchObject({ code: "invalid_code" });
    await expect(verifyFreshCode(db, user.userId, "12345", Date.now())).rejects.toMatchObject({ code: "invalid_code" });
    const other = await signUp();
    await expect(verifyFreshCode(db, other.userId, code, Date.now())).rejects.toMatchObject({ code: "invalid_code" });
  });
});
