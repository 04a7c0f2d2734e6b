import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AuditTrail } from "../../workers/admin/audit";
import { deleteAsMinor } from "../../workers/admin/minor";
import { closeLiveSession } from "../../workers/credits/live";
import { database } from "../../workers/db/client";
import { AppError } from "../../workers/lib/errors";
import { newId } from "../../workers/lib/ids";
import { taskSender } from "../../workers/privacy/tasks";
import { png } from "../media/fixtures";
import { keysUnder, uploaded } from "../media/helpers";
import { call, generated, rowsMentioning, seedBilling, waitFor } from "../privacy/support";
import { signUpVerified } from "../support/users";
import { staffUser } from "./staff";

const ip = "10.91.7.1";
const db = database(env.DB);

function deps() {
  return {
    db,
    now: Date.now(),
    closeLive: (userId: string) => closeLiveSession(env, userId),
    enqueue: taskSender(env.TASKS_QUEUE),
  };
}

/** The audit row of one staff call, as the guard would hand it to the handler. */
function auditOf(staffId: string) {
  const trail = new AuditTrail(db, { userId: staffId, role: "support", requestId: `req-${newId()}` }, "user.delete_as_minor", Date.now);
  return (targetUserId: string) => trail.statement({ targetUserId, reason: "parent wrote in: the user is 15" });
}

async function objectsOf(userId: string): Promise<string[]> {
  return (await Promise.all([`uploads/${userId}/`, `media/${userId}/`, `exports/${userId}/`].map(keysUnder))).flat();
}

describe("delete as minor", () => {
  it("ends the account at once without its password and purges it as a self-deletion does", async () => {
    const staff = await staffUser("support");
    const user = await signUpVerified({ ip });
    await uploaded(user, png(32, 24));
    await generated(user, "a kite over the dunes");
    await seedBilling(user.userId);
    expect(await objectsOf(user.userId)).not.toHaveLength(0);

    await deleteAsMinor(deps(), user.userId, auditOf(staff.userId));
    // Sessions end at once.
    expect((await call(user, "/api/me", {}, ip)).status).toBe(401);
    await waitFor(
      async () => ((await env.DB.prepare("SELECT id FROM users WHERE id = ?").bind(user.userId).first()) ? undefined : true),
      "purge",
    );

    expect(await rowsMentioning(user.userId, user.email)).toEqual({});
    expect(await objectsOf(user.userId)).toEqual([]);
    // The staff action's row stays, about a pseudonym.
    const row = await env.DB.prepare("SELECT target_user_id, reason FROM audit_log WHERE actor_id = ? AND action = 'user.delete_as_minor'")
      .bind(staff.userId)
      .first<{ target_user_id: string; reason: string }>();
    expect(row).toMatchObject({ target_user_id: expect.stringMatching(/^erased:/), reason: "parent wrote in: the user is 15" });
  });

  it("refuses staff accounts and unknown people, writing nothing", async () => {
    const staff = await staffUser("support");
    const other = await staffUser("admin");
    for (const target of [other.userId, newId()]) {
      const error = await deleteAsMinor(deps(), target, auditOf(staff.userId)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
    }
    expect((await call(other, "/api/me", {}, ip)).status).toBe(200);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE actor_id = ?").bind(staff.userId).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });
});
