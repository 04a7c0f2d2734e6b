import { Hono } from "hono";
import { type ApiKeysResponse, type CreatedApiKeyResponse, createApiKeySchema } from "../../shared/developers";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { notFound } from "../lib/errors";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";
import { idParam, jsonBody, pathParams } from "../lib/validate";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";

const keyIdParam = pathParams(idParam, () => notFound("There is no such API key."));

/** Key creation per person: enough to rotate keys freely, too few to mint them in bulk. */
const CREATE_LIMIT: RateLimit = { name: "api_key_create", max: 20, windowMs: 60 * 60_000 };

/**
 * `/api/developers/keys`: a person's API keys, managed from the web app only (a key cannot make,
 * list or revoke keys: `requireUser` refuses requests that carry one).
 */
export const keyRoutes = new Hono<AppEnv>()
  .get("/api/developers/keys", requireUser, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ keys: await listApiKeys(c.var.db, c.var.auth.userId, Date.now()) } satisfies ApiKeysResponse);
  })
  .post("/api/developers/keys", requireUser, jsonBody(createApiKeySchema), async (c) => {
    const now = Date.now();
    await enforceRateLimit(c.env.DB, CREATE_LIMIT, c.var.auth.userId, now);
    const created = await createApiKey(c.var.db, c.var.auth.userId, c.req.valid("json"), now);
    c.header("Cache-Control", "no-store");
    return c.json(created satisfies CreatedApiKeyResponse, 201);
  })
  .delete("/api/developers/keys/:id", requireUser, keyIdParam, async (c) => {
    if (!(await revokeApiKey(c.var.db, c.var.auth.userId, c.req.valid("param").id, Date.now())))
      throw notFound("There is no such API key.");
    return c.body(null, 204);
  });
