import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AuditTrail } from "../../workers/admin/audit";
import { database } from "../../workers/db/client";
import { rowsMentioning, waitFor } from "../privacy/support";
import { api, signUp } from "../support/users";

describe("the audit log at erasure", () => {
  it("keeps the rows about an erased person and an erased staff member, under pseudonyms", async () => {
    const person = await signUp();
    const staffer = await signUp();
    const trail = new AuditTrail(database(env.DB), { userId: staffer.userId, role: "support", requestId: "req-1" }, "user.read", Date.now);
    trail.about({ targetUserId: person.userId });
    await trail.finish(200);
    for (const user of [person, staffer]) {
      const res = await api("/api/account", { method: "DELETE", cookie: user.cookie, json: { password: user.password }, ip: "10.92.0.1" });
      expect(res.status).toBe(202);
    }
    await waitFor(async () => {
      const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE id IN (?1, ?2)")
        .bind(person.userId, staffer.userId)
        .first<{ n: number }>();
      return left!.n === 0 ? true : undefined;
    }, "both purges");
    expect(await rowsMentioning(person.userId, staffer.userId)).toEqual({});
    const row = await env.DB.prepare("SELECT actor_id, target_user_id FROM audit_log WHERE request_id = 'req-1'").first<
      Record<string, string>
    >();
    expect(row!.actor_id).toMatch(/^erased:/);
    expect(row!.target_user_id).toMatch(/^erased:/);
  });

  it("does not name a person erased before the call: a late read about their id leaves the row without it", async () => {
    const person = await signUp();
    const staffer = await signUp();
    const res = await api("/api/account", {
      method: "DELETE",
      cookie: person.cookie,
      json: { password: person.password },
      ip: "10.92.0.2",
    });
    expect(res.status).toBe(202);
    await waitFor(async () => {
      const left = await env.DB.prepare("SELECT id FROM users WHERE id = ?1").bind(person.userId).first();
      return left ? undefined : true;
    }, "purge");
    const late = new AuditTrail(
      database(env.DB),
      { userId: staffer.userId, role: "support", requestId: "req-late" },
      "user.read",
      Date.now,
    );
    late.about({ targetUserId: person.userId });
    await late.finish(404);
    expect(await rowsMentioning(person.userId)).toEqual({});
    const row = await env.DB.prepare("SELECT actor_id, target_user_id, status FROM audit_log WHERE request_id = 'req-late'").first();
    expect(row).toEqual({ actor_id: staffer.userId, target_user_id: null, status: 404 });
  });
});
