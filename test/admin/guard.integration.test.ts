import { env } from "cloudflare:test";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import { requireRole } from "../../workers/admin/guard";
import type { AppEnv } from "../../workers/app-env";
import { database } from "../../workers/db/client";
import { AppError } from "../../workers/lib/errors";
import { onError } from "../../workers/lib/on-error";
import type { TestUser } from "../support/users";
import { staffUser } from "./staff";

// The `@ts-expect-error` lines are assertions: `tsc` fails if a route without `requireRole` could read `staff`.
function routes() {
  return (
    new Hono<AppEnv>()
      .use(requestId())
      .use(async (c, next) => {
        c.set("db", database(c.env.DB));
        await next();
      })
      // @ts-expect-error `staff` is not a variable of a route without the guard.
      .get("/open", (c) => c.json({ id: c.var.staff.userId }))
      .get("/read", requireRole(["support", "admin"], "test.read"), (c) => {
        c.var.audit.about({ targetUserId: c.var.staff.userId });
        return c.json({ id: c.var.staff.userId, role: c.var.staff.role });
      })
      .post("/write", requireRole(["admin"], "test.write"), async (c) => {
        await c.var.db.batch([c.var.audit.statement({ targetObject: "thing:1", reason: "asked" })]);
        return c.json({ ok: true });
      })
      .post("/fail", requireRole(["admin"], "test.fail"), () => {
        throw new AppError("validation_failed", "No.");
      })
      .onError(onError)
  );
}

const call = (path: string, user: TestUser, method = "GET") => routes().request(path, { method, headers: { Cookie: user.cookie } }, env);

const staff = (role: "user" | "support" | "admin", secondFactor = true) => staffUser(role, { secondFactor });

const auditRows = (actorId: string) =>
  env.DB.prepare("SELECT action, outcome, status, target_user_id, target_object, reason FROM audit_log WHERE actor_id = ?1 ORDER BY id")
    .bind(actorId)
    .all<Record<string, unknown>>()
    .then((r) => r.results);

describe("requireRole", () => {
  it("answers 401 anonymous, 404 to a user, 403 second_factor_required to staff without a second factor", async () => {
    expect((await routes().request("/read", {}, env)).status).toBe(401);
    const user = await staff("user");
    const asUser = await call("/read", user);
    expect(asUser.status).toBe(404);
    const unproved = await staff("support", false);
    const res = await call("/read", unproved);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "second_factor_required" } });
    expect(await auditRows(unproved.userId)).toEqual([]);
  });

  it("leaves exactly one audit row per staff call: a read, a batched write, a refusal and a wrong role", async () => {
    const admin = await staff("admin");
    expect(await (await call("/read", admin)).json()).toEqual({ id: admin.userId, role: "admin" });
    expect((await call("/write", admin, "POST")).status).toBe(200);
    expect((await call("/fail", admin, "POST")).status).toBe(400);
    const support = await staff("support");
    expect((await call("/write", support, "POST")).status).toBe(403);
    expect(await auditRows(admin.userId)).toEqual([
      { action: "test.read", outcome: "ok", status: 200, target_user_id: admin.userId, target_object: null, reason: null },
      { action: "test.write", outcome: "ok", status: 200, target_user_id: null, target_object: "thing:1", reason: "asked" },
      { action: "test.fail", outcome: "refused", status: 400, target_user_id: null, target_object: null, reason: null },
    ]);
    expect(await auditRows(support.userId)).toMatchObject([{ action: "test.write", outcome: "refused", status: 403 }]);
  });

  it("ends a staff session 12 hours after sign-in, however active", async () => {
    const admin = await staff("admin");
    await env.DB.prepare("UPDATE sessions SET created_at = ?1 WHERE user_id = ?2")
      .bind(Date.now() - 12 * 60 * 60 * 1000 - 1, admin.userId)
      .run();
    expect((await call("/read", admin)).status).toBe(401);
  });
});

describe("the audit log", () => {
  it("refuses deletes and any update but pseudonymising a person's id", async () => {
    const admin = await staff("admin");
    await call("/read", admin);
    const id = `erased:${crypto.randomUUID()}`;
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE actor_id = ?1").bind(admin.userId).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE audit_log SET reason = 'x' WHERE actor_id = ?1").bind(admin.userId).run()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      env.DB.prepare("UPDATE audit_log SET actor_id = 'someone-else' WHERE actor_id = ?1").bind(admin.userId).run(),
    ).rejects.toThrow(/append-only/);
    await env.DB.prepare("UPDATE audit_log SET actor_id = ?1 WHERE actor_id = ?2").bind(id, admin.userId).run();
    expect(await auditRows(id)).toHaveLength(1);
  });
});
