import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditPage } from "../../shared/admin-audit";
import { api } from "../support/users";
import { type StaffUser, staffUser } from "./staff";

const get = (path: string, who: StaffUser) => api(path, { cookie: who.cookie });

async function page(path: string, who: StaffUser): Promise<AuditPage> {
  const res = await get(path, who);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<AuditPage>();
}

describe("GET /api/admin/audit", () => {
  it("lists rows newest first, filtered by actor, target and action, keyset-paged to the end", async () => {
    const admin = await staffUser("admin");
    const support = await staffUser("support");
    // Five audited reads by the admin and one refused call by support (wrong role): each leaves a row.
    for (let i = 0; i < 5; i++) await get(`/api/admin/audit?actor=${support.userId}`, admin);
    expect((await get("/api/admin/audit", support)).status).toBe(403);

    const mine = await page(`/api/admin/audit?actor=${admin.userId}&limit=2`, admin);
    expect(mine.items).toHaveLength(2);
    expect(mine.items[0]).toMatchObject({ actorId: admin.userId, actorRole: "admin", action: "audit.read", outcome: "ok", status: 200 });
    expect(Object.keys(mine.items[0]!).sort()).toEqual(
      [
        "action",
        "actorId",
        "actorRole",
        "createdAt",
        "id",
        "outcome",
        "reason",
        "requestId",
        "status",
        "targetObject",
        "targetUserId",
      ].sort(),
    );
    const ids = mine.items.map((i) => i.id);
    let cursor = mine.nextCursor;
    while (cursor) {
      const next = await page(`/api/admin/audit?actor=${admin.userId}&limit=2&cursor=${cursor}`, admin);
      ids.push(...next.items.map((i) => i.id));
      cursor = next.nextCursor;
    }
    // Exactly the five earlier reads: each page's own row is written after its answer, and is newer than any cursor.
    expect(ids).toHaveLength(5);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);

    const refused = await page(`/api/admin/audit?actor=${support.userId}`, admin);
    expect(refused.items).toEqual([
      expect.objectContaining({ action: "audit.read", outcome: "refused", status: 403, actorRole: "support" }),
    ]);
    const byAction = await page(`/api/admin/audit?action=audit.read&actor=${support.userId}`, admin);
    expect(byAction.items).toHaveLength(1);
    expect((await page(`/api/admin/audit?action=user.credits.adjust&actor=${admin.userId}`, admin)).items).toEqual([]);

    // A read filtered by target names that person as its own target.
    await get(`/api/admin/audit?target=${support.userId}`, admin);
    const about = await page(`/api/admin/audit?target=${support.userId}`, admin);
    expect(about.items.length).toBeGreaterThanOrEqual(1);
    expect(about.items.every((i) => i.targetUserId === support.userId)).toBe(true);
  });

  it("filters by the staff command's actor, cli", async () => {
    const admin = await staffUser("admin");
    const id = "01a25125-cb4c-77a9-97a6-21423772ef0f";
    await env.DB.prepare(
      `INSERT INTO audit_log (id, actor_id, actor_role, action, outcome, status, target_user_id, target_object, reason, request_id, created_at)
       VALUES (?1, 'cli', 'admin', 'user.role.change', 'ok', 200, ?2, 'role:admin', 'first admin', 'cli:1', 1)`,
    )
      .bind(id, admin.userId)
      .run();
    const byCli = await page("/api/admin/audit?actor=cli", admin);
    expect(byCli.items.map((item) => [item.id, item.actorId])).toEqual([[id, "cli"]]);
  });

  it("refuses bad filters and cursors with 400 in the error shape", async () => {
    const admin = await staffUser("admin");
    for (const query of ["actor=nobody", "target=1", "action=DROP%20TABLE", "cursor=abc", "limit=0", "limit=101"]) {
      const res = await get(`/api/admin/audit?${query}`, admin);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed" } });
    }
  });
});
