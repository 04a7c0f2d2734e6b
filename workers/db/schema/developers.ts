import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ApiKeyScope, WebhookEventType } from "../../../shared/developer-limits";

/** A person's API key (docs/api.md). Only the secret's SHA-256 is kept; its first characters are shown to tell keys apart. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    /** JSON array of scopes, as chosen at creation (never widened afterwards). */
    scopes: text("scopes", { mode: "json" }).$type<ApiKeyScope[]>().notNull(),
    /** Credits the key may spend per calendar month (UTC), or null. */
    monthlyCreditCap: integer("monthly_credit_cap"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_idx").on(t.secretHash),
    // The owner's list, and the count of live keys under the limit.
    index("api_keys_user_created_idx").on(t.userId, t.createdAt),
  ],
);

/** Where a person wants to hear about their jobs (docs/api.md "Webhooks"); the secret signs every delivery. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    url: text("url").notNull(),
    /** JSON array of the event types sent to it. */
    events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
    /** `whsec_…`: kept to sign with (a hash could not sign); shown to its owner once. */
    secret: text("secret").notNull(),
    /** The secret before the last rotation, still signing beside the new one until `previousSecretUntil`. */
    previousSecret: text("previous_secret"),
    previousSecretUntil: integer("previous_secret_until"),
    /** Set when deliveries kept failing for about a day; nothing is sent until the owner turns it back on. */
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("webhook_endpoints_user_idx").on(t.userId, t.createdAt)],
);

/** One event for one endpoint: sent, retried with backoff, recorded (status, latency, a little of the answer). */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    userId: text("user_id").notNull(),
    /** The `webhook-id` header: the same for every attempt, so receivers drop duplicates. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastLatencyMs: integer("last_latency_ms"),
    /** At most 1 KB of the last answer (or the network error), for the delivery log. */
    lastResponse: text("last_response"),
    /** When the next attempt is due (pending ones): the cron re-sends one whose message went missing. */
    nextAttemptAt: integer("next_attempt_at"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    // The backstop: pending deliveries by when they were due.
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    // An event is delivered once per endpoint, however often its job's end is announced.
    uniqueIndex("webhook_deliveries_endpoint_event_idx").on(t.endpointId, t.eventId),
    // The delivery log: an endpoint's newest first.
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_user_idx").on(t.userId),
  ],
);
