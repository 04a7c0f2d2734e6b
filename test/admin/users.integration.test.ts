import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AdminOverview } from "../../shared/admin-overview";
import type { StaffUserDetail, UserLookupResponse } from "../../shared/admin-users";
import type { LedgerPage } from "../../shared/credits";
import { accountFor } from "../../workers/credits/account-client";
import { newId } from "../../workers/lib/ids";
import { api, signUp, type TestUser } from "../support/users";
import { staffUser } from "./staff";

const get = (user: TestUser, path: string) => api(path, { cookie: user.cookie });

const auditRows = (actorId: string) =>
  env.DB.prepare(
    "SELECT action, outcome, status, target_user_id AS target, target_object AS object FROM audit_log WHERE actor_id = ?1 ORDER BY id",
  )
    .bind(actorId)
    .all<{ action: string; outcome: string; status: number; target: string | null; object: string | null }>()
    .then((r) => r.results);

describe("GET /api/admin/users (lookup)", () => {
  it("finds people by the beginning of their email, whatever its case, by id and by Whop user id", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const one = await signUp({ email: `Lookup-${tag}-a@example.com` });
    const two = await signUp({ email: `lookup-${tag}-b@example.com` });
    const staff = await staffUser("support");

    const byPrefix = await get(staff, `/api/admin/users?q=${encodeURIComponent(`LOOKUP-${tag}`)}`);
    expect(byPrefix.status).toBe(200);
    const found = await byPrefix.json<UserLookupResponse>();
    expect(found.matchedBy).toBe("email");
    expect(found.items.map((u) => u.id)).toEqual([one.userId, two.userId]);
    expect(JSON.stringify(found)).not.toMatch(/password|hash/i);

    const byId = await (await get(staff, `/api/admin/users?q=${two.userId}`)).json<UserLookupResponse>();
    expect(byId).toMatchObject({ matchedBy: "id", items: [{ id: two.userId, email: two.email.toLowerCase() }] });

    const whop = `user_${tag}X`;
    await env.DB.prepare(
      "INSERT INTO payments (id, user_id, credits, status, first_event_id, paid_at, created_at, whop_user_id) VALUES (?1, ?2, 10, 'paid', 'evt', ?3, ?3, ?4)",
    )
      .bind(`pay_${tag}`, one.userId, Date.now(), whop)
      .run();
    const byWhop = await (await get(staff, `/api/admin/users?q=${whop}`)).json<UserLookupResponse>();
    expect(byWhop).toMatchObject({ matchedBy: "whop", items: [{ id: one.userId }] });

    const rows = await auditRows(staff.userId);
    expect(rows.map((r) => r.action)).toEqual(["user.search", "user.search", "user.search"]);
    expect(rows[1]).toMatchObject({ target: two.userId, object: "lookup:id", outcome: "ok" });
    expect(rows[0]?.target).toBeNull(); // two matches: nobody in particular
  });

  it("refuses an empty or overlong query with 400 and nothing but the refused call's audit row", async () => {
    const staff = await staffUser("support");
    for (const q of ["", "%20%20", "x".repeat(201)]) {
      const res = await get(staff, `/api/admin/users?q=${q}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect((await auditRows(staff.userId)).map((r) => [r.action, r.outcome, r.status])).toEqual([
      ["user.search", "refused", 400],
      ["user.search", "refused", 400],
      ["user.search", "refused", 400],
    ]);
  });

  it("is not there for a user (404) and needs a session (401)", async () => {
    const user = await signUp();
    expect((await get(user, "/api/admin/users?q=a")).status).toBe(404);
    expect((await api("/api/admin/users?q=a")).status).toBe(401);
    expect(await auditRows(user.userId)).toEqual([]);
  });
});

describe("GET /api/admin/users/:id", () => {
  it("shows profile, standing, ledger, jobs, payments, sessions and consents, never a hash, and audits user.read about the person", async () => {
    const person = await signUp();
    await accountFor(env, person.userId).grant(`seed-${person.userId}`, 30, "promo", null);
    const staff = await staffUser("support");
    const res = await get(staff, `/api/admin/users/${person.userId}`);
    expect(res.status).toBe(200);
    const detail = await res.json<StaffUserDetail>();
    expect(detail.profile).toMatchObject({ id: person.userId, role: "user", suspendedAt: null, deletedAt: null });
    expect(detail.standing).toMatchObject({ balance: { available: 30, held: 0, debt: 0, flagged: false }, shortfall: 0, flaggedAt: null });
    expect(detail.ledger.items).toHaveLength(1);
    expect(detail.jobs).toEqual([]);
    expect(detail.payments).toEqual([]);
    expect(detail.sessions).toHaveLength(1);
    expect(detail.sessions[0]).toMatchObject({ secondFactor: false });
    expect(detail.consents.policy.accepted).toBe(true);
    expect(detail.supportThreads).toEqual([]);
    const text = JSON.stringify(detail);
    expect(text).not.toMatch(/password|token_?hash|\$argon|pbkdf2/i);
    expect(await auditRows(staff.userId)).toEqual([
      { action: "user.read", outcome: "ok", status: 200, target: person.userId, object: null },
    ]);
  });

  it("answers 404 for an unknown or malformed id, with one refused audit row each", async () => {
    const staff = await staffUser("admin");
    expect((await get(staff, `/api/admin/users/${newId(Date.now())}`)).status).toBe(404);
    expect((await get(staff, "/api/admin/users/not-an-id")).status).toBe(404);
    expect((await auditRows(staff.userId)).map((r) => [r.action, r.status])).toEqual([
      ["user.read", 404],
      ["user.read", 404],
    ]);
  });

  it("pages the ledger with a cursor (user.ledger.read), refusing a cursor that is not the person's", async () => {
    const person = await signUp();
    const account = accountFor(env, person.userId);
    for (let i = 0; i < 30; i++) await account.grant(`page-${person.userId}-${i}`, 1, "promo", null);
    const staff = await staffUser("support");
    const first = await (await get(staff, `/api/admin/users/${person.userId}/ledger`)).json<LedgerPage>();
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
    const second = await (await get(staff, `/api/admin/users/${person.userId}/ledger?cursor=${first.nextCursor}`)).json<LedgerPage>();
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const other = await signUp();
    expect((await get(staff, `/api/admin/users/${other.userId}/ledger?cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await auditRows(staff.userId)).map((r) => [r.action, r.status, r.target])).toEqual([
      ["user.ledger.read", 200, person.userId],
      ["user.ledger.read", 200, person.userId],
      ["user.ledger.read", 400, other.userId],
    ]);
  });
});

describe("GET /api/admin/overview", () => {
  it("counts sign-ups, generations, credits and revenue of the last day and week from D1 (overview.read)", async () => {
    const staff = await staffUser("support");
    const read = async () => (await get(staff, "/api/admin/overview")).json<AdminOverview>();
    const before = await read();
    const person = await signUp();
    await accountFor(env, person.userId).grant(`ov-${person.userId}`, 7, "promo", null);
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO payments (id, user_id, credits, status, first_event_id, paid_at, created_at, amount_minor, currency, refunded_minor) VALUES (?1, ?2, 10, 'paid', 'evt', ?3, ?3, 999, 'usd', 100)",
    )
      .bind(`pay_${crypto.randomUUID()}`, person.userId, now - 2 * 24 * 3600_000)
      .run();
    const after = await read();
    expect(after.signups.day - before.signups.day).toBe(1);
    expect(after.signups.week - before.signups.week).toBe(1);
    expect(after.credits.granted.day - before.credits.granted.day).toBe(7);
    const usd = (o: AdminOverview) => o.revenue.find((r) => r.currency === "USD");
    expect((usd(after)?.week.grossMinor ?? 0) - (usd(before)?.week.grossMinor ?? 0)).toBe(999);
    expect((usd(after)?.week.refundedMinor ?? 0) - (usd(before)?.week.refundedMinor ?? 0)).toBe(100);
    expect((usd(after)?.day.grossMinor ?? 0) - (usd(before)?.day.grossMinor ?? 0)).toBe(0); // two days ago: the week only
    expect(after.jobs.stuck.count).toBeGreaterThanOrEqual(0);
    expect(Object.keys(after.generations).sort()).toEqual(["canceled", "failed", "queued", "running", "succeeded"]);
    expect((await auditRows(staff.userId)).map((r) => r.action)).toEqual(["overview.read", "overview.read"]);
  });

  it("counts a job in flight past its deadline as stuck, and open data requests overdue and due soon", async () => {
    const staff = await staffUser("admin");
    const read = async () => (await get(staff, "/api/admin/overview")).json<AdminOverview>();
    const before = await read();
    const person = await signUp();
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO jobs (id, user_id, model, kind, prompt, params, cost, status, provider, provider_model, created_at, deadline_at)
       VALUES (?1, ?2, 'demo-image', 'image', 'p', '{}', 1, 'running', 'demo', 'demo-image', ?3, ?4)`,
    )
      .bind(newId(now), person.userId, now - 3600_000, now - 60_000)
      .run();
    const request = (dueAt: number) =>
      env.DB.prepare(
        "INSERT INTO data_requests (id, kind, source, received_at, due_at, status, notes, created_at, updated_at) VALUES (?1, 'access', 'email', ?2, ?3, 'open', '', ?2, ?2)",
      )
        .bind(newId(now), dueAt - 30 * 24 * 3600_000, dueAt)
        .run();
    await request(now - 1000);
    await request(now + 2 * 24 * 3600_000);
    const twoDaysAgo = now - 2 * 24 * 3600_000;
    await env.DB.prepare(
      "INSERT INTO support_threads (id, user_id, subject, status, last_activity_at, user_read_at, created_at) VALUES (?1, ?2, 'help', 'open', ?3, ?3, ?3)",
    )
      .bind(newId(now), person.userId, twoDaysAgo)
      .run();
    const after = await read();
    expect(after.support.open.oneToThreeDays - before.support.open.oneToThreeDays).toBe(1);
    expect(after.support.open.underDay - before.support.open.underDay).toBe(0);
    expect(after.jobs.stuck.count - before.jobs.stuck.count).toBe(1);
    expect(after.jobs.inFlight.running - before.jobs.inFlight.running).toBe(1);
    expect(after.generations.running.day - before.generations.running.day).toBe(1);
    expect(after.dataRequests.overdue - before.dataRequests.overdue).toBe(1);
    expect(after.dataRequests.dueSoon - before.dataRequests.dueSoon).toBe(1);
    expect(after.dataRequests.open - before.dataRequests.open).toBe(2);
  });
});
