import { Hono } from "hono";
import type { ModelsResponse } from "../../shared/generation";
import { generationRequestSchema, jobListQuerySchema } from "../../shared/generation-requests";
import type { AppEnv } from "../app-env";
import { requireCaller, spenderOf } from "../developers/caller";
import { AppError } from "../lib/errors";
import { idempotencyKey } from "../lib/idempotency-key";
import { idParam, jsonBody, pathParams, queryParams } from "../lib/validate";
import { cancelJob } from "./cancel";
import { availableModels, toModelView } from "./catalog";
import { generationDeps } from "./deps";
import { jobView } from "./job-view";
import { findJob } from "./jobs-store";
import { enforceGenerationLimits } from "./limits";
import { listJobs } from "./list";
import { providersFromEnv } from "./providers/registry";
import { submitGeneration } from "./submit";

/** The `:id` of a job route, or 404 for anything that cannot be a job id. */
const jobIdParam = pathParams(idParam, () => new AppError("not_found", "There is no such generation."));

/** `/api/models` and `/api/generations…`. */
export const generationRoutes = new Hono<AppEnv>()
  .get("/api/models", (c) => {
    const body: ModelsResponse = { models: availableModels(providersFromEnv(c.env)).map(toModelView) };
    c.header("Cache-Control", "private, max-age=60");
    return c.json(body);
  })
  .post("/api/generations", requireCaller("generate"), jsonBody(generationRequestSchema), async (c) => {
    const key = idempotencyKey(c.req.raw.headers);
    const now = Date.now();
    await enforceGenerationLimits(c.env.DB, c.req.raw.headers, c.var.caller.userId, now);
    const deps = generationDeps(c.env, { db: c.var.db });
    const { caller } = c.var;
    const { job, replayed } = await submitGeneration(deps, caller.userId, c.req.valid("json"), key, spenderOf(caller, now));
    return c.json({ job }, replayed ? 200 : 202);
  })
  .get("/api/generations", requireCaller("generate"), queryParams(jobListQuerySchema), async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await listJobs(c.var.db, c.var.caller.userId, c.req.valid("query")));
  })
  .get("/api/generations/:id", requireCaller("generate"), jobIdParam, async (c) => {
    const job = await findJob(c.var.db, c.var.caller.userId, c.req.valid("param").id);
    if (!job) throw new AppError("not_found", "There is no such generation.");
    c.header("Cache-Control", "no-store");
    return c.json({ job: await jobView(c.var.db, job) });
  })
  .post("/api/generations/:id/cancel", requireCaller("generate"), jobIdParam, async (c) => {
    const deps = generationDeps(c.env, { db: c.var.db });
    const job = await cancelJob(deps, c.var.caller.userId, c.req.valid("param").id);
    return c.json({ job: await jobView(deps.db, job) });
  });
