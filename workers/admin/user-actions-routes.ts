import { Hono } from "hono";
import {
  type CreditAdjustmentResult,
  creditAdjustmentSchema,
  revokeSessionsSchema,
  roleChangeSchema,
  type StaffActionResult,
  suspensionSchema,
} from "../../shared/admin-users";
import type { AppEnv } from "../app-env";
import {
  anotherActiveAdmin,
  changeRole,
  revokeSessionsByStaff,
  roleChangeRefusal,
  suspendUser,
  suspensionRefusal,
  unsuspendUser,
} from "../auth/staff-actions";
import { toSummary } from "../auth/staff-view";
import { verifyStepUp } from "../auth/two-factor/fresh-code";
import { closeLiveSession } from "../credits/live";
import type { Database } from "../db/client";
import { AppError } from "../lib/errors";
import { idempotencyKey } from "../lib/idempotency-key";
import { idParam, jsonBody, pathParams } from "../lib/validate";
import { adjustCredits } from "./credit-adjustment";
import { requireRole } from "./guard";
import { guardedUser } from "./guarded-user";
import { stepUpDeps } from "./step-up-routes";
import { mustFindRecord } from "./user-detail";

const STAFF = ["support", "admin"] as const;
const userParam = pathParams(idParam, () => new AppError("not_found", "There is no such user."));

/** The person as they are after an action. */
async function summaryOf(db: Database, userId: string): Promise<StaffActionResult> {
  return { user: toSummary(await mustFindRecord(db, userId)) };
}

/**
 * The console's actions on a person. Each takes a `reason` (audited); destructive ones also a
 * fresh two-factor `code` or a `passkey` assertion made for the step-up (`verifyStepUp`), checked
 * after the rules so a refused action does not spend it. Actions
 * that end sessions also close the person's live connections.
 */
export const userActionRoutes = new Hono<AppEnv>()
  .post(
    "/api/admin/users/:id/credits",
    requireRole(["admin"], "user.credits.adjust"),
    userParam,
    jsonBody(creditAdjustmentSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const { delta, reason, code, passkey, note } = c.req.valid("json");
      c.var.audit.about({ targetUserId: id, reason });
      const key = idempotencyKey(c.req.raw.headers);
      await guardedUser(c.var.db, id);
      const staffId = c.var.staff.userId;
      const { key: ledgerKey, ...result } = await adjustCredits(
        { db: c.var.db, env: c.env },
        { userId: id, staffId, delta, note, idempotencyKey: key },
        () => verifyStepUp(stepUpDeps(c), staffId, { code, passkey }).then(() => undefined),
      );
      c.var.audit.about({ targetObject: `ledger:${ledgerKey}` });
      return c.json(result satisfies CreditAdjustmentResult);
    },
  )
  .post(
    "/api/admin/users/:id/sessions/revoke",
    requireRole(STAFF, "user.sessions.revoke"),
    userParam,
    jsonBody(revokeSessionsSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      c.var.audit.about({ targetUserId: id, reason });
      await guardedUser(c.var.db, id);
      const ended = await revokeSessionsByStaff(c.var.db, id, Date.now(), c.var.audit.statement());
      await closeLiveSession(c.env, id);
      return c.json({ ended: ended.length });
    },
  )
  .post("/api/admin/users/:id/suspend", requireRole(STAFF, "user.suspend"), userParam, jsonBody(suspensionSchema), async (c) => {
    const { id } = c.req.valid("param");
    const { reason, code, passkey } = c.req.valid("json");
    c.var.audit.about({ targetUserId: id, reason });
    const target = await guardedUser(c.var.db, id);
    const actor = { id: c.var.staff.userId, role: c.var.staff.role };
    const refusal = suspensionRefusal(target, actor, await anotherActiveAdmin(c.var.db, id));
    if (refusal) throw refusal;
    await verifyStepUp(stepUpDeps(c), actor.id, { code, passkey });
    await suspendUser(c.var.db, id, Date.now(), c.var.audit.statement());
    await closeLiveSession(c.env, id);
    return c.json((await summaryOf(c.var.db, id)) satisfies StaffActionResult);
  })
  .post("/api/admin/users/:id/unsuspend", requireRole(STAFF, "user.unsuspend"), userParam, jsonBody(suspensionSchema), async (c) => {
    const { id } = c.req.valid("param");
    const { reason, code, passkey } = c.req.valid("json");
    c.var.audit.about({ targetUserId: id, reason });
    const target = await guardedUser(c.var.db, id);
    if (target.suspendedAt === null) throw new AppError("invalid_state", "This account is not suspended.");
    await verifyStepUp(stepUpDeps(c), c.var.staff.userId, { code, passkey });
    await unsuspendUser(c.var.db, target, c.var.audit.statement());
    return c.json((await summaryOf(c.var.db, id)) satisfies StaffActionResult);
  })
  .post("/api/admin/users/:id/role", requireRole(["admin"], "user.role.change"), userParam, jsonBody(roleChangeSchema), async (c) => {
    const { id } = c.req.valid("param");
    const { role, reason, code, passkey } = c.req.valid("json");
    c.var.audit.about({ targetUserId: id, targetObject: `role:${role}`, reason });
    const target = await guardedUser(c.var.db, id);
    const refusal = roleChangeRefusal(target, role, await anotherActiveAdmin(c.var.db, id));
    if (refusal) throw refusal;
    await verifyStepUp(stepUpDeps(c), c.var.staff.userId, { code, passkey });
    await changeRole(c.var.db, id, role, Date.now(), c.var.audit.statement());
    await closeLiveSession(c.env, id);
    return c.json((await summaryOf(c.var.db, id)) satisfies StaffActionResult);
  });
