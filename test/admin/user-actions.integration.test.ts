import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CreditAdjustmentResult, StaffActionResult } from "../../shared/admin-users";
import { accountFor } from "../../workers/credits/account-client";
import { openLive } from "../support/live";
import { api, cookiesFrom, randomIp, signUp, type TestUser } from "../support/users";
import { type StaffUser, staffUser } from "./staff";
import { enrolTotp } from "./totp";

interface Staff extends StaffUser {
  code: () => string;
}

async function staff(role: "support" | "admin"): Promise<Staff> {
  const member = await staffUser(role);
  return { ...member, code: await enrolTotp(member.userId) };
}

const post = (by: TestUser, path: string, json: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: "POST", cookie: by.cookie, json, headers, ip: randomIp() });

const auditRows = (actorId: string) =>
  env.DB.prepare("SELECT action, outcome, status, target_user_id AS target, reason FROM audit_log WHERE actor_id = ?1 ORDER BY id")
    .bind(actorId)
    .all<{ action: string; outcome: string; status: number; target: string | null; reason: string | null }>()
    .then((r) => r.results);

const ledgerRows = (userId: string) =>
  env.DB.prepare("SELECT kind, delta, description FROM credit_ledger WHERE user_id = ?1 AND kind = 'adjust'")
    .bind(userId)
    .all<{ kind: string; delta: number; description: string }>()
    .then((r) => r.results);

const available = async (userId: string) => (await accountFor(env, userId).balance()).available;

async function funded(credits: number): Promise<TestUser> {
  const user = await signUp();
  await accountFor(env, user.userId).grant(`seed-${user.userId}`, credits, "promo", null);
  return user;
}

describe("POST /api/admin/users/:id/credits", () => {
  it("adjusts through the Account object once per Idempotency-Key, with one audit row per call", async () => {
    const admin = await staff("admin");
    const person = await funded(10);
    const body = { delta: 25, reason: "goodwill for a failed upscale", code: admin.code(), note: "Sorry about the upscale" };
    const headers = { "Idempotency-Key": `k-${crypto.randomUUID()}` };
    const first = await post(admin, `/api/admin/users/${person.userId}/credits`, body, headers);
    expect(first.status).toBe(200);
    expect(await first.json<CreditAdjustmentResult>()).toMatchObject({ applied: true, balance: { available: 35 } });
    // The same request again (the code already spent): nothing more happens, and it says so.
    const again = await post(admin, `/api/admin/users/${person.userId}/credits`, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json<CreditAdjustmentResult>()).toMatchObject({ applied: false, balance: { available: 35 } });
    expect(await available(person.userId)).toBe(35);
    expect(await ledgerRows(person.userId)).toEqual([{ kind: "adjust", delta: 25, description: "Adjustment — Sorry about the upscale" }]);
    const rows = await auditRows(admin.userId);
    expect(rows).toEqual([
      { action: "user.credits.adjust", outcome: "ok", status: 200, target: person.userId, reason: "goodwill for a failed upscale" },
      { action: "user.credits.adjust", outcome: "ok", status: 200, target: person.userId, reason: "goodwill for a failed upscale" },
    ]);
  });

  it("never goes below zero: a larger deduction is refused 402 and writes nothing", async () => {
    const admin = await staff("admin");
    const person = await funded(5);
    const res = await post(admin, `/api/admin/users/${person.userId}/credits`, { delta: -6, reason: "chargeback", code: admin.code() });
    expect(res.status).toBe(402);
    expect(await res.json()).toMatchObject({ error: { code: "insufficient_credits" } });
    expect(await available(person.userId)).toBe(5);
    expect(await ledgerRows(person.userId)).toEqual([]);
    const ok = await post(admin, `/api/admin/users/${person.userId}/credits`, { delta: -5, reason: "chargeback", code: admin.code() });
    expect(ok.status).toBe(200);
    expect(await available(person.userId)).toBe(0);
    expect((await auditRows(admin.userId)).map((r) => [r.outcome, r.status])).toEqual([
      ["refused", 402],
      ["ok", 200],
    ]);
  });

  it("refuses bad input, a wrong code and support staff, writing nothing but the refused call's row", async () => {
    const admin = await staff("admin");
    const support = await staff("support");
    const person = await funded(5);
    const path = `/api/admin/users/${person.userId}/credits`;
    for (const body of [
      { delta: 0, reason: "x", code: "123456" },
      { delta: 1.5, reason: "x", code: "123456" },
      { delta: 5, reason: "  ", code: "123456" },
      { delta: 5, reason: "x".repeat(501), code: "123456" },
      { delta: 5, reason: "x", code: "12345" },
      { delta: 5, reason: "x" },
    ]) {
      const res = await post(admin, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const malformedKey = await post(admin, path, { delta: 5, reason: "x", code: admin.code() }, { "Idempotency-Key": "has space" });
    expect(malformedKey.status).toBe(400);
    const wrongCode = await post(admin, path, { delta: 5, reason: "x", code: "000000" });
    expect(wrongCode.status).toBe(400);
    expect(await wrongCode.json()).toMatchObject({ error: { code: "invalid_code" } });
    const bySupport = await post(support, path, { delta: 5, reason: "x", code: support.code() });
    expect(bySupport.status).toBe(403);
    expect(await available(person.userId)).toBe(5);
    expect((await auditRows(admin.userId)).every((r) => r.outcome === "refused")).toBe(true);
    expect(await auditRows(admin.userId)).toHaveLength(8);
    expect(await auditRows(support.userId)).toMatchObject([{ action: "user.credits.adjust", outcome: "refused", status: 403 }]);
  });
});

describe("POST /api/admin/users/:id/sessions/revoke", () => {
  it("ends every session of the person (support may), audited with the reason", async () => {
    const support = await staff("support");
    const person = await signUp();
    const second = await api("/api/auth/login", {
      method: "POST",
      ip: randomIp(),
      json: { email: person.email, password: person.password },
    });
    const secondCookie = cookiesFrom(second);
    const res = await post(support, `/api/admin/users/${person.userId}/sessions/revoke`, { reason: "account takeover report" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 2 });
    for (const cookie of [person.cookie, secondCookie]) expect((await api("/api/me", { cookie })).status).toBe(401);
    expect(await auditRows(support.userId)).toEqual([
      { action: "user.sessions.revoke", outcome: "ok", status: 200, target: person.userId, reason: "account takeover report" },
    ]);
    const noReason = await post(support, `/api/admin/users/${person.userId}/sessions/revoke`, {});
    expect(noReason.status).toBe(400);
  });
});

describe("suspension", () => {
  it("a suspended person is signed out, cannot sign in or spend; unsuspending restores both; data is kept", async () => {
    const support = await staff("support");
    const person = await funded(20);
    const path = `/api/admin/users/${person.userId}`;
    const suspend = await post(support, `${path}/suspend`, { reason: "abuse report #12", code: support.code() });
    expect(suspend.status).toBe(200);
    expect((await suspend.json<StaffActionResult>()).user).toMatchObject({ id: person.userId, suspended: true });
    expect((await api("/api/me", { cookie: person.cookie })).status).toBe(401);
    const login = await api("/api/auth/login", {
      method: "POST",
      ip: randomIp(),
      json: { email: person.email, password: person.password },
    });
    expect(login.status).toBe(403);
    expect(await login.json()).toMatchObject({ error: { code: "account_suspended" } });
    expect(login.headers.getSetCookie()).toEqual([]);
    const hold = await accountFor(env, person.userId).hold(crypto.randomUUID(), 1);
    expect(hold).toMatchObject({ ok: false, code: "account_suspended" });
    expect(await available(person.userId)).toBe(20);
    // Suspending twice is refused, and so is lifting a suspension that is not there (after the lift).
    expect((await post(support, `${path}/suspend`, { reason: "again", code: "123456" })).status).toBe(409);
    const lift = await post(support, `${path}/unsuspend`, { reason: "appeal accepted", code: support.code() });
    expect(lift.status).toBe(200);
    expect((await post(support, `${path}/unsuspend`, { reason: "again", code: "123456" })).status).toBe(409);
    const back = await api("/api/auth/login", { method: "POST", ip: randomIp(), json: { email: person.email, password: person.password } });
    expect(back.status).toBe(200);
    expect(await accountFor(env, person.userId).hold(crypto.randomUUID(), 1)).toMatchObject({ ok: true });
    expect((await auditRows(support.userId)).map((r) => [r.action, r.outcome, r.status])).toEqual([
      ["user.suspend", "ok", 200],
      ["user.suspend", "refused", 409],
      ["user.unsuspend", "ok", 200],
      ["user.unsuspend", "refused", 409],
    ]);
  });

  it("support cannot suspend staff, nobody suspends themselves, and the last admin stays", async () => {
    const support = await staff("support");
    const admin = await staff("admin");
    expect((await post(support, `/api/admin/users/${admin.userId}/suspend`, { reason: "x", code: support.code() })).status).toBe(403);
    expect((await post(admin, `/api/admin/users/${admin.userId}/suspend`, { reason: "x", code: admin.code() })).status).toBe(409);
    expect((await api("/api/me", { cookie: admin.cookie })).status).toBe(200);
  });
});

describe("POST /api/admin/users/:id/role", () => {
  it("changes the role and ends that person's sessions; the last active admin cannot be demoted", async () => {
    // Only this test's admins count: every other admin in the database is set aside first.
    await env.DB.prepare("UPDATE users SET role = 'support' WHERE role = 'admin'").run();
    const admin = await staff("admin");
    const person = await signUp();
    const promote = await post(admin, `/api/admin/users/${person.userId}/role`, {
      role: "support",
      reason: "new hire",
      code: admin.code(),
    });
    expect(promote.status).toBe(200);
    expect((await promote.json<StaffActionResult>()).user.role).toBe("support");
    expect((await api("/api/me", { cookie: person.cookie })).status).toBe(401);

    const selfDemotion = await post(admin, `/api/admin/users/${admin.userId}/role`, { role: "user", reason: "leaving", code: "123456" });
    expect(selfDemotion.status).toBe(409);
    expect(await selfDemotion.json()).toMatchObject({ error: { code: "last_admin" } });
    const row = await env.DB.prepare("SELECT role FROM users WHERE id = ?1").bind(admin.userId).first<{ role: string }>();
    expect(row?.role).toBe("admin");

    const same = await post(admin, `/api/admin/users/${person.userId}/role`, { role: "support", reason: "x", code: "123456" });
    expect(same.status).toBe(409);
    const bad = await post(admin, `/api/admin/users/${person.userId}/role`, { role: "owner", reason: "x", code: admin.code() });
    expect(bad.status).toBe(400);
    const support = await staff("support");
    expect(
      (await post(support, `/api/admin/users/${person.userId}/role`, { role: "admin", reason: "x", code: support.code() })).status,
    ).toBe(403);
    expect((await auditRows(admin.userId)).map((r) => [r.action, r.outcome, r.status])).toEqual([
      ["user.role.change", "ok", 200],
      ["user.role.change", "refused", 409],
      ["user.role.change", "refused", 409],
      ["user.role.change", "refused", 400],
    ]);
  });
});

describe("staff actions that end sessions close the person's live sockets", () => {
  /** A person signed in on two devices, each with `/api/live` open, and a bystander with theirs. */
  async function connected() {
    const person = await signUp();
    const login = await api("/api/auth/login", {
      method: "POST",
      ip: randomIp(),
      json: { email: person.email, password: person.password },
    });
    expect(login.status).toBe(200);
    const bystander = await signUp();
    const sockets = [await openLive(person.cookie), await openLive(cookiesFrom(login))];
    return { person, sockets, bystander: await openLive(bystander.cookie) };
  }

  /** Every socket of the person closed, the bystander's still open. */
  async function expectClosed({ sockets, bystander }: Awaited<ReturnType<typeof connected>>) {
    for (const socket of sockets) expect(await socket.closedSoon()).toBe(true);
    expect(await bystander.closedSoon()).toBe(false);
    bystander.close();
  }

  it("revoking sessions", async () => {
    const support = await staff("support");
    const live = await connected();
    const res = await post(support, `/api/admin/users/${live.person.userId}/sessions/revoke`, { reason: "account takeover report" });
    expect(res.status).toBe(200);
    await expectClosed(live);
  });

  it("suspending", async () => {
    const support = await staff("support");
    const live = await connected();
    const res = await post(support, `/api/admin/users/${live.person.userId}/suspend`, { reason: "abuse report #13", code: support.code() });
    expect(res.status).toBe(200);
    await expectClosed(live);
  });

  it("changing the role", async () => {
    const admin = await staff("admin");
    const live = await connected();
    const res = await post(admin, `/api/admin/users/${live.person.userId}/role`, {
      role: "support",
      reason: "new hire",
      code: admin.code(),
    });
    expect(res.status).toBe(200);
    await expectClosed(live);
  });
});
