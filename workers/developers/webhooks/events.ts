import { and, eq, isNull } from "drizzle-orm";
import type { WebhookEventType } from "../../../shared/developer-limits";
import type { JobView } from "../../../shared/generation";
import type { Database } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { newId } from "../../lib/ids";

/** What a job's end is called on the wire. */
const EVENT_OF: Partial<Record<JobView["status"], WebhookEventType>> = {
  succeeded: "generation.succeeded",
  failed: "generation.failed",
  canceled: "generation.canceled",
};

export interface EmitDeps {
  db: Database;
  now: () => number;
  /** Queues a delivery's first attempt. */
  enqueue: (deliveryIds: string[]) => Promise<void>;
}

/**
 * Records one delivery per subscribed, enabled endpoint of `userId` and queues them. The event id
 * comes from what happened (`msg_<job id>_<status>`), and a delivery is unique per endpoint and event,
 * so however often a job's end is announced each endpoint gets it once, under one `webhook-id`.
 */
export async function emitEvent(
  deps: EmitDeps,
  userId: string,
  event: { id: string; type: string; data: unknown },
  only?: string,
): Promise<void> {
  const endpoints = await deps.db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.userId, userId), isNull(webhookEndpoints.disabledAt)));
  const targets = endpoints.filter((e) => (only ? e.id === only : e.events.includes(event.type as WebhookEventType)));
  if (targets.length === 0) return;
  const now = deps.now();
  const payload = JSON.stringify({ type: event.type, timestamp: new Date(now).toISOString(), data: event.data });
  const rows = targets.map((endpoint) => ({
    id: newId(now),
    endpointId: endpoint.id,
    userId,
    eventId: event.id,
    eventType: event.type,
    payload,
    status: "pending" as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }));
  const inserted = await deps.db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  if (inserted.length > 0) await deps.enqueue(inserted.map((r) => r.id));
}

/** A job reached its end: tell the endpoints that listen for it. */
export async function emitJobEvent(deps: EmitDeps, userId: string, job: JobView): Promise<void> {
  const type = EVENT_OF[job.status];
  if (!type) return;
  await emitEvent(deps, userId, { id: `msg_${job.id}_${job.status}`, type, data: { job } });
}
