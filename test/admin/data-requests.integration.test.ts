import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DataRequestResponse, DataRequestsResponse, DataRequestView } from "../../shared/data-requests";
import { readyExport, rowsMentioning, waitFor } from "../privacy/support";
import { api, randomIp, signUp, type TestUser } from "../support/users";
import { staffUser } from "./staff";

const DAY = 24 * 60 * 60 * 1000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const post = (who: TestUser, json: unknown) => api("/api/admin/data-requests", { method: "POST", cookie: who.cookie, json });
const patch = (who: TestUser, id: string, json: unknown) =>
  api(`/api/admin/data-requests/${id}`, { method: "PATCH", cookie: who.cookie, json });

async function list(who: TestUser, status = "all"): Promise<DataRequestView[]> {
  const res = await api(`/api/admin/data-requests?status=${status}`, { cookie: who.cookie });
  expect(res.status).toBe(200);
  return (await res.json<DataRequestsResponse>()).items;
}

async function recorded(who: TestUser, json: Record<string, unknown>): Promise<DataRequestView> {
  const res = await post(who, { kind: "access", reason: "emailed privacy@", ...json });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json<DataRequestResponse>()).request;
}

const auditOf = (actorId: string) =>
  env.DB.prepare("SELECT action, outcome, target_user_id, target_object, reason FROM audit_log WHERE actor_id = ?1 ORDER BY id")
    .bind(actorId)
    .all<Record<string, unknown>>()
    .then((r) => r.results);

describe("data requests (P31)", () => {
  it("records an emailed request due 30 days after it arrived, linked to the account of its address, audited", async () => {
    const support = await staffUser("support");
    const person = await signUp();
    const received = Date.now() - 3 * DAY;
    const request = await recorded(support, {
      kind: "erasure",
      requesterEmail: ` ${person.email.toUpperCase()} `,
      receivedOn: day(received),
    });
    const midnight = Date.parse(`${day(received)}T00:00:00Z`);
    expect(request).toMatchObject({
      kind: "erasure",
      source: "email",
      requesterEmail: person.email.toLowerCase(),
      userId: person.userId,
      receivedAt: midnight,
      dueAt: midnight + 30 * DAY,
      status: "open",
      overdue: false,
      outcome: null,
    });
    expect(await auditOf(support.userId)).toEqual([
      {
        action: "data_request.create",
        outcome: "ok",
        target_user_id: person.userId,
        target_object: `data_request:${request.id}`,
        reason: "emailed privacy@",
      },
    ]);
    const stranger = await recorded(support, { requesterEmail: `nobody-${crypto.randomUUID()}@example.com`, receivedOn: day(Date.now()) });
    expect(stranger.userId).toBeNull();
  });

  it("lists open requests by due date with overdue ones marked; closing needs an outcome", async () => {
    const admin = await staffUser("admin");
    const email = () => `writer-${crypto.randomUUID()}@example.com`;
    const late = await recorded(admin, { requesterEmail: email(), receivedOn: day(Date.now() - 40 * DAY) });
    const soon = await recorded(admin, { requesterEmail: email(), receivedOn: day(Date.now() - 25 * DAY) });
    const open = (await list(admin, "open")).filter((r) => [late.id, soon.id].includes(r.id));
    expect(open.map((r) => [r.id, r.overdue])).toEqual([
      [late.id, true],
      [soon.id, false],
    ]);
    const dues = (await list(admin, "open")).map((r) => r.dueAt);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);

    const refused = await patch(admin, late.id, { status: "closed", reason: "done" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "validation_failed", issues: [{ path: "outcome" }] } });
    const noted = await patch(admin, late.id, { notes: "asked for ID", reason: "progress" });
    expect((await noted.json<DataRequestResponse>()).request).toMatchObject({ notes: "asked for ID", status: "open" });
    const closed = await patch(admin, late.id, { status: "closed", outcome: "Export sent by email", reason: "answered" });
    expect(closed.status).toBe(200);
    expect((await closed.json<DataRequestResponse>()).request).toMatchObject({
      status: "closed",
      overdue: false,
      outcome: "Export sent by email",
    });
    expect((await list(admin, "open")).map((r) => r.id)).not.toContain(late.id);
    expect((await list(admin, "closed")).map((r) => r.id)).toContain(late.id);
  });

  it("refuses bad input with 4xx and writes nothing but the refused call's audit row", async () => {
    const admin = await staffUser("admin");
    const good = { kind: "access", requesterEmail: "a@example.com", receivedOn: day(Date.now()), reason: "r" };
    const count = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM data_requests").first<{ n: number }>())!.n;
    const before = await count();
    for (const body of [
      { ...good, kind: "everything" },
      { ...good, requesterEmail: "not-an-address" },
      { ...good, receivedOn: "2026-02-30" },
      { ...good, receivedOn: day(Date.now() + 3 * DAY) },
      { ...good, reason: "" },
      { ...good, reason: "x".repeat(501) },
      { ...good, userId: "00000000-0000-7000-8000-000000000000" },
      { ...good, extra: 1 },
    ]) {
      const res = await post(admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await patch(admin, "00000000-0000-7000-8000-000000000000", { notes: "x", reason: "r" })).status).toBe(404);
    expect((await patch(admin, "nope", { notes: "x", reason: "r" })).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await auditOf(admin.userId)).every((row) => row.outcome === "refused")).toBe(true);
    // A user is not told the console exists.
    expect((await post(await signUp(), good)).status).toBe(404);
  });

  it("self-serve exports and deletions appear as fulfilled requests; erasure keeps them, pseudonymised", async () => {
    const admin = await staffUser("admin");
    const person = await signUp();
    await readyExport(person);
    const emailed = await recorded(admin, { kind: "erasure", requesterEmail: person.email, receivedOn: day(Date.now()) });
    const mine = (await list(admin, "all")).filter((r) => r.userId === person.userId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "access", source: "self_serve", status: "closed", requesterEmail: null }),
        expect.objectContaining({ id: emailed.id, kind: "erasure", source: "email", status: "open" }),
      ]),
    );
    expect(mine.find((r) => r.source === "self_serve")!.outcome).toMatch(/export/i);

    const res = await api("/api/account", { method: "DELETE", cookie: person.cookie, ip: randomIp(), json: { password: person.password } });
    expect(res.status).toBe(202);
    await waitFor(
      async () => ((await env.DB.prepare("SELECT id FROM users WHERE id = ?").bind(person.userId).first()) ? undefined : true),
      "purge",
    );

    expect(await rowsMentioning(person.userId, person.email)).toEqual({});
    const kept = await env.DB.prepare(
      "SELECT kind, source, user_id, requester_email, status FROM data_requests WHERE user_id LIKE 'erased:%' AND id >= ?1",
    )
      .bind(emailed.id.slice(0, 8))
      .all<{ kind: string; source: string; user_id: string; requester_email: string | null; status: string }>();
    const theirs = kept.results.filter(
      (r) => r.user_id === kept.results.find((k) => k.kind === "access" && k.source === "self_serve")?.user_id,
    );
    expect(theirs.map((r) => `${r.kind}/${r.source}/${r.status}`).sort()).toEqual([
      "access/self_serve/closed",
      "erasure/email/open",
      "erasure/self_serve/closed",
    ]);
    expect(theirs.every((r) => r.requester_email === null)).toBe(true);
  });
});
