import { Hono } from "hono";
import { usageBatchSchema, usageQuerySchema } from "../../shared/usage-requests";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { enforceRateLimit } from "../lib/rate-limit";
import { jsonBody, queryParams } from "../lib/validate";
import { USAGE_LIMITS } from "./limits";
import { recordUsage } from "./record";
import { usageSummary } from "./summary";

/** First-party usage data (docs/privacy.md): the web app's batches in, the person's own view out. */
export const usageRoutes = new Hono<AppEnv>()
  .post("/api/usage/events", requireUser, jsonBody(usageBatchSchema), async (c) => {
    const userId = c.var.auth.userId;
    const now = Date.now();
    await enforceRateLimit(c.env.DB, USAGE_LIMITS.batches, userId, now);
    const recorded = await recordUsage(c.var.db, userId, c.req.valid("json").events, now);
    return c.json({ recorded }, 202);
  })
  .get("/api/account/usage", requireUser, queryParams(usageQuerySchema), async (c) => {
    const { days, offset } = c.req.valid("query");
    return c.json(await usageSummary(c.var.db, c.var.auth.userId, days, { now: Date.now(), offsetMinutes: offset }));
  });
