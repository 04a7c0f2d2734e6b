import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { billingDeps } from "./env-deps";
import { receiveWhopWebhook } from "./webhook";
import { readWebhookBody } from "./webhook-body";

/**
 * `POST /webhooks/whop`. Handling finishes inside the request (a few D1 writes and Account calls,
 * milliseconds — see bench/webhooks), well within Whop's delivery timeout, so no queue is needed;
 * what a failed delivery leaves undone, Whop's retries and the reconciliation job complete.
 */
export const webhookRoutes = new Hono<AppEnv>().post("/webhooks/whop", async (c) => {
  const rawBody = await readWebhookBody(c.req.raw);
  const answer = await receiveWhopWebhook(billingDeps(c.env), c.env.WHOP_WEBHOOK_SECRET, c.req.raw.headers, rawBody);
  return c.json({ ok: true, outcome: answer.outcome, duplicate: answer.duplicate });
});
