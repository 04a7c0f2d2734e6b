import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKeys, webhookDeliveries, webhookEndpoints } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";

/** Every key the person made, revoked ones too, oldest first: what it could do and when it was used, never its secret or hash. */
async function apiKeysOf(db: Database, userId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      monthlyCreditCap: apiKeys.monthlyCreditCap,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .all();
}

/** The person's webhook endpoints (never their secrets) with their delivery log, oldest first. */
async function webhookEndpointsOf(db: Database, userId: string) {
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      disabledAt: webhookEndpoints.disabledAt,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId))
    .orderBy(asc(webhookEndpoints.createdAt))
    .all();
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      createdAt: webhookDeliveries.createdAt,
      finishedAt: webhookDeliveries.finishedAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.userId, userId))
    .orderBy(asc(webhookDeliveries.createdAt))
    .all();
  return endpoints.map((e) => ({ ...e, deliveries: deliveries.filter((d) => d.endpointId === e.id) }));
}

/**
 * The developer platform's part of a person's data: their API keys and webhook endpoints with their
 * deliveries, listed in the export without secrets and deleted with the account (they stop working the moment deletion is asked for, as
 * `resolveApiKey` reads the account's state).
 */
export const developersAccountData: AccountDataContribution = {
  capability: "developers",
  tables: ["api_keys", "webhook_endpoints", "webhook_deliveries"],
  exportSections: async (db, userId) => ({
    apiKeys: await apiKeysOf(db, userId),
    webhookEndpoints: await webhookEndpointsOf(db, userId),
  }),
  // Deliveries before endpoints: a crash in between leaves endpoints, whose deliveries are already gone.
  purge: async (ctx) =>
    (await deleteInChunks(ctx, webhookDeliveries, eq(webhookDeliveries.userId, ctx.userId))) &&
    (await deleteInChunks(ctx, webhookEndpoints, eq(webhookEndpoints.userId, ctx.userId))) &&
    deleteInChunks(ctx, apiKeys, eq(apiKeys.userId, ctx.userId)),
};
