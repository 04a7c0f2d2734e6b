import { Hono } from "hono";
import { restrictionSchema, updateConsentsSchema } from "../../shared/privacy";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { jsonBody } from "../lib/validate";
import { readConsents, setRestriction, updateConsents } from "./consents";
import { acceptPolicies } from "./policy";

/** Consents with their history, restriction of processing, and re-acceptance of changed policies. */
export const consentRoutes = new Hono<AppEnv>()
  .get("/api/account/consents", requireUser, async (c) => c.json(await readConsents(c.var.db, c.var.auth.userId)))
  .put("/api/account/consents", requireUser, jsonBody(updateConsentsSchema), async (c) =>
    c.json(await updateConsents(c.var.db, c.var.auth.userId, c.req.valid("json"), Date.now())),
  )
  .put("/api/account/restriction", requireUser, jsonBody(restrictionSchema), async (c) =>
    c.json(await setRestriction(c.var.db, c.var.auth.userId, c.req.valid("json").restricted, Date.now())),
  )
  .post("/api/account/accept-policies", requireUser, async (c) => {
    await acceptPolicies(c.var.db, c.var.auth.userId, Date.now());
    return c.json(await readConsents(c.var.db, c.var.auth.userId));
  });
