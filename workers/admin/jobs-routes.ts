import { Hono } from "hono";
import {
  type AdminJobsPage,
  adminJobsQuerySchema,
  clearFlagSchema,
  type FlaggedPage,
  type JobActionResult,
  jobActionSchema,
} from "../../shared/admin-ops";
import type { AppEnv } from "../app-env";
import { accountFor } from "../credits/account-client";
import { generationDeps } from "../generation/deps";
import { AppError } from "../lib/errors";
import { idempotencyKey } from "../lib/idempotency-key";
import { newId } from "../lib/ids";
import { idParam, jsonBody, pathParams, queryParams } from "../lib/validate";
import { clearAccountFlag, listFlagged } from "./flagged";
import { requireRole } from "./guard";
import { guardedUser } from "./guarded-user";
import { listAdminJobs } from "./jobs";
import { requeueDeadLetter, retryJob } from "./jobs-retry";

const jobIdParam = pathParams(idParam, () => new AppError("not_found", "There is no such job."));
const userIdParam = pathParams(idParam, () => new AppError("not_found", "There is no such user."));

/** The console's jobs (by status, stuck, dead letters; retry and requeue) and the review queue of flagged accounts. */
export const adminJobRoutes = new Hono<AppEnv>()
  .get("/api/admin/jobs", requireRole(["support", "admin"], "jobs.list"), queryParams(adminJobsQuerySchema), async (c) => {
    return c.json((await listAdminJobs(c.var.db, c.req.valid("query"), Date.now())) satisfies AdminJobsPage);
  })
  .post("/api/admin/jobs/:id/retry", requireRole(["support", "admin"], "job.retry"), jobIdParam, jsonBody(jobActionSchema), async (c) => {
    const { id } = c.req.valid("param");
    c.var.audit.about({ targetObject: `job:${id}`, reason: c.req.valid("json").reason });
    const { userId, ...result } = await retryJob(generationDeps(c.env, { db: c.var.db }), id);
    c.var.audit.about({ targetUserId: userId });
    return c.json(result satisfies JobActionResult);
  })
  .post(
    "/api/admin/jobs/:id/requeue",
    requireRole(["support", "admin"], "job.requeue"),
    jobIdParam,
    jsonBody(jobActionSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      c.var.audit.about({ targetObject: `job:${id}`, reason: c.req.valid("json").reason });
      const { userId, ...result } = await requeueDeadLetter(generationDeps(c.env, { db: c.var.db }), id);
      c.var.audit.about({ targetUserId: userId });
      return c.json(result satisfies JobActionResult);
    },
  )
  .get("/api/admin/flagged", requireRole(["support", "admin"], "flagged.list"), async (c) => {
    return c.json((await listFlagged(c.var.db)) satisfies FlaggedPage);
  })
  .post(
    "/api/admin/users/:id/clear-flag",
    requireRole(["support", "admin"], "user.flag.clear"),
    userIdParam,
    jsonBody(clearFlagSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      c.var.audit.about({ targetUserId: id, reason });
      const key = idempotencyKey(c.req.raw.headers) ?? newId(Date.now());
      await guardedUser(c.var.db, id);
      await clearAccountFlag(accountFor(c.env, id), { key: `${id}:${key}`, actorId: c.var.staff.userId, reason });
      return c.json({ ok: true });
    },
  );
