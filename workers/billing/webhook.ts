import { and, eq } from "drizzle-orm";
import { webhookEvents } from "../db/schema";
import { AppError } from "../lib/errors";
import { verifyWebhook, webhookKeyBytes } from "../lib/standard-webhooks";
import type { EventOutcome } from "./apply-payment";
import type { BillingDeps } from "./deps";
import { handleWhopEvent } from "./handle-event";
import { toMillis } from "./money";
import { describeIssues, envelopeSchema } from "./whop-events";

const PROVIDER = "whop";

const REFUSALS = {
  missing_headers: "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
  bad_timestamp: "The webhook-timestamp header is not a Unix time in seconds.",
  stale_timestamp: "The webhook timestamp is more than 5 minutes away from now.",
  no_matching_signature: "No webhook signature matched this body.",
} as const;

export interface WebhookAnswer extends EventOutcome {
  /** This delivery id was already handled: nothing was done again. */
  duplicate: boolean;
}

/**
 * One Whop webhook delivery: verify the Standard Webhooks signature over the raw body (401 and
 * nothing written when it fails), record the delivery (unique on its `webhook-id`), act on it,
 * and answer. The handling is idempotent at every step (payment ids key the grants, reversal
 * ids the clawbacks), so a redelivery under a new id, or two at once, change nothing further.
 * Only an unexpected failure (storage down) throws, and Whop's retry then finishes the work.
 */
export async function receiveWhopWebhook(deps: BillingDeps, secret: string, headers: Headers, rawBody: string): Promise<WebhookAnswer> {
  // An empty key would make anyone's signature verify.
  if (!secret) throw new AppError("unavailable", "Whop webhooks are not configured.");
  const now = deps.now();
  const verified = await verifyWebhook(webhookKeyBytes(secret), headers, rawBody, Math.floor(now / 1000));
  if (!verified.ok) throw new AppError("invalid_signature", REFUSALS[verified.reason]);

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("invalid_json", "The webhook body is not valid JSON.");
  }
  const envelope = envelopeSchema.safeParse(json);
  const type = envelope.success ? envelope.data.type : "(invalid)";
  const inserted = await deps.db
    .insert(webhookEvents)
    .values({
      provider: PROVIDER,
      id: verified.id,
      eventId: envelope.success ? (envelope.data.id ?? null) : null,
      type,
      outcome: "received",
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (inserted.length === 0) {
    const earlier = await deps.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.provider, PROVIDER), eq(webhookEvents.id, verified.id)))
      .get();
    if (earlier?.processedAt) return { outcome: earlier.outcome, paymentId: earlier.paymentId, duplicate: true };
    // Recorded but never finished (a crash, or a concurrent delivery still running): handling is idempotent, so run it.
  }

  let result: EventOutcome;
  try {
    result = envelope.success
      ? await handleWhopEvent(deps, envelope.data, {
          deliveryId: verified.id,
          eventAt: toMillis(envelope.data.timestamp) ?? verified.timestamp * 1000,
        })
      : { outcome: "invalid_payload", detail: describeIssues(envelope.error) };
  } catch (error) {
    // Noting the failure is best effort: the error that caused it is the one worth reporting.
    await record(deps, verified.id, { outcome: "failed", detail: String(error) }, null).catch(() => undefined);
    throw error;
  }
  await record(deps, verified.id, result, deps.now());
  return { ...result, duplicate: false };
}

async function record(deps: BillingDeps, id: string, result: EventOutcome, processedAt: number | null): Promise<void> {
  await deps.db
    .update(webhookEvents)
    .set({ outcome: result.outcome, detail: result.detail?.slice(0, 500) ?? null, paymentId: result.paymentId ?? null, processedAt })
    .where(and(eq(webhookEvents.provider, PROVIDER), eq(webhookEvents.id, id)));
}
