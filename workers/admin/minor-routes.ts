import { Hono } from "hono";
import { deleteAsMinorSchema } from "../../shared/admin-ops";
import type { AppEnv } from "../app-env";
import { verifyStepUp } from "../auth/two-factor/fresh-code";
import { closeLiveSession } from "../credits/live";
import { AppError } from "../lib/errors";
import { idParam, jsonBody, pathParams } from "../lib/validate";
import { taskSender } from "../privacy/tasks";
import { requireRole } from "./guard";
import { deleteAsMinor } from "./minor";
import { stepUpDeps } from "./step-up-routes";

const userIdParam = pathParams(idParam, () => new AppError("not_found", "There is no such user."));

/** `POST /api/admin/users/:id/delete-as-minor` (support or admin, fresh code or passkey): erasure now, the self-deletion's purge. */
export const adminMinorRoutes = new Hono<AppEnv>().post(
  "/api/admin/users/:id/delete-as-minor",
  requireRole(["support", "admin"], "user.delete_as_minor"),
  userIdParam,
  jsonBody(deleteAsMinorSchema),
  async (c) => {
    const { id } = c.req.valid("param");
    const { reason, code, passkey } = c.req.valid("json");
    c.var.audit.about({ targetUserId: id, reason });
    await verifyStepUp(stepUpDeps(c), c.var.staff.userId, { code, passkey });
    const deps = {
      db: c.var.db,
      now: Date.now(),
      closeLive: (userId: string) => closeLiveSession(c.env, userId),
      enqueue: taskSender(c.env.TASKS_QUEUE),
    };
    await deleteAsMinor(deps, id, (targetUserId) => c.var.audit.statement({ targetUserId, reason }));
    return c.body(null, 202);
  },
);
