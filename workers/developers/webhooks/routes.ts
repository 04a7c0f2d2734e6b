import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { createWebhookSchema, updateWebhookSchema, type WebhookDeliveryView } from "../../../shared/webhooks";
import type { AppEnv } from "../../app-env";
import { requireUser } from "../../auth/middleware";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { enforceRateLimit, type RateLimit } from "../../lib/rate-limit";
import { idParam, jsonBody, pathParams } from "../../lib/validate";
import { createEndpoint, enableEndpoint, listEndpoints, NO_SUCH_ENDPOINT, ownEndpoint, rotateSecret, toEndpointView } from "./endpoints";
import { emitEvent } from "./events";
import { enqueueDeliveries } from "./queue";

const endpointIdParam = pathParams(idParam, () => notFound(NO_SUCH_ENDPOINT));
/** The delivery log shows this many, newest first. */
const LOG_SIZE = 50;
/** Test events per person: enough to debug a receiver, too few to use Ausar to flood someone's server. */
const TEST_LIMIT: RateLimit = { name: "webhook_test", max: 30, windowMs: 60 * 60_000 };

function toDeliveryView(row: typeof webhookDeliveries.$inferSelect): WebhookDeliveryView {
  const { id, eventId, eventType, status, attempts, lastStatusCode, lastLatencyMs, lastResponse, createdAt, finishedAt } = row;
  return { id, eventId, eventType, status, attempts, lastStatusCode, lastLatencyMs, lastResponse, createdAt, finishedAt };
}

/** `/api/developers/webhooks`: a person's endpoints, from the web app only (docs/api.md "Webhooks"). */
export const webhookRoutes = new Hono<AppEnv>()
  .get("/api/developers/webhooks", requireUser, async (c) => {
    const now = Date.now();
    c.header("Cache-Control", "no-store");
    return c.json({ endpoints: (await listEndpoints(c.var.db, c.var.auth.userId)).map((row) => toEndpointView(row, now)) });
  })
  .post("/api/developers/webhooks", requireUser, jsonBody(createWebhookSchema), async (c) => {
    const now = Date.now();
    const { row, secret } = await createEndpoint(c.var.db, c.var.auth.userId, c.req.valid("json"), now);
    c.header("Cache-Control", "no-store");
    return c.json({ endpoint: toEndpointView(row, now), secret }, 201);
  })
  .patch("/api/developers/webhooks/:id", requireUser, jsonBody(updateWebhookSchema), endpointIdParam, async (c) => {
    const row = await ownEndpoint(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    return c.json({ endpoint: toEndpointView(await enableEndpoint(c.var.db, row), Date.now()) });
  })
  .delete("/api/developers/webhooks/:id", requireUser, endpointIdParam, async (c) => {
    const row = await ownEndpoint(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    await c.var.db.batch([
      c.var.db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)),
      c.var.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id)),
    ]);
    return c.body(null, 204);
  })
  .post("/api/developers/webhooks/:id/rotate-secret", requireUser, endpointIdParam, async (c) => {
    const row = await ownEndpoint(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    const now = Date.now();
    const rotated = await rotateSecret(c.var.db, row, now);
    c.header("Cache-Control", "no-store");
    return c.json({ endpoint: toEndpointView(rotated.row, now), secret: rotated.secret });
  })
  .post("/api/developers/webhooks/:id/test", requireUser, endpointIdParam, async (c) => {
    const { userId } = c.var.auth;
    const row = await ownEndpoint(c.var.db, userId, c.req.valid("param").id);
    const now = Date.now();
    await enforceRateLimit(c.env.DB, TEST_LIMIT, userId, now);
    const eventId = `msg_test_${newId(now)}`;
    const deps = { db: c.var.db, now: Date.now, enqueue: enqueueDeliveries(c.env) };
    await emitEvent(deps, userId, { id: eventId, type: "webhook.test", data: { message: "A test event from Ausar." } }, row.id);
    return c.json({ eventId }, 202);
  })
  .get("/api/developers/webhooks/:id/deliveries", requireUser, endpointIdParam, async (c) => {
    const row = await ownEndpoint(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    const rows = await c.var.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, row.id), eq(webhookDeliveries.userId, c.var.auth.userId)))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(LOG_SIZE);
    c.header("Cache-Control", "no-store");
    return c.json({ deliveries: rows.map(toDeliveryView) });
  });
