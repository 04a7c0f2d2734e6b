import { and, eq, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users, webhookDeliveries, webhookEndpoints } from "../../db/schema";
import type { EmailSender } from "../../lib/email/sender";
import { signWebhook, webhookKeyBytes } from "../../lib/standard-webhooks";
import { endpointDisabledEmail } from "./emails";
import { disableEndpoint, type EndpointRow, signingSecrets } from "./endpoints";

/**
 * Seconds before each retry after a failed attempt: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 6 h,
 * 10 h — ten attempts over about a day. After the last the endpoint is turned off and its owner told.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 1800, 3600, 7200, 14_400, 21_600, 36_000];
/** A receiver gets this long to answer (it should answer first and work afterwards). */
const TIMEOUT_MS = 10_000;
/** How much of an answer is kept for the delivery log. */
const RESPONSE_KEPT_BYTES = 1024;

export interface DeliveryDeps {
  db: Database;
  fetch: typeof fetch;
  now: () => number;
  /** Queues the delivery's next attempt after `delaySeconds`. */
  schedule: (deliveryId: string, delaySeconds: number) => Promise<void>;
  email: EmailSender;
  publicUrl: string;
}

/** The first `RESPONSE_KEPT_BYTES` of a body, the rest left unread (a receiver cannot make us hold more). */
async function excerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_KEPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes.slice(0, RESPONSE_KEPT_BYTES));
}

/** One signed POST: the outcome, never an exception (a network error or a timeout is a failed attempt). */
async function send(deps: DeliveryDeps, endpoint: EndpointRow, delivery: { eventId: string; payload: string }) {
  const timestamp = Math.floor(deps.now() / 1000);
  const signatures = await Promise.all(
    signingSecrets(endpoint, deps.now()).map((secret) =>
      signWebhook(webhookKeyBytes(secret), delivery.eventId, timestamp, delivery.payload),
    ),
  );
  const started = deps.now();
  try {
    const response = await deps.fetch(endpoint.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Ausar-Webhooks/1",
        "webhook-id": delivery.eventId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatures.join(" "),
      },
      body: delivery.payload,
      // A redirect is not followed: the signed body goes only to the address its owner gave.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await excerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    const note =
      response.status >= 300 && response.status < 400 ? `Redirect to ${response.headers.get("Location") ?? "?"} not followed. ` : "";
    return { ok, statusCode: response.status, latencyMs: deps.now() - started, response: `${note}${text}`.slice(0, RESPONSE_KEPT_BYTES) };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `No answer within ${TIMEOUT_MS / 1000} s.` : String(error);
    return { ok: false, statusCode: null, latencyMs: deps.now() - started, response: reason.slice(0, RESPONSE_KEPT_BYTES) };
  }
}

/**
 * One attempt at a pending delivery: sent and recorded; on failure the next attempt is scheduled, or
 * after the last one the delivery fails, the endpoint is turned off and its owner emailed (once).
 * A delivery that is no longer pending (a duplicate message) is left alone.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string): Promise<void> {
  const found = await deps.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .get();
  if (found?.delivery.status !== "pending") return;
  const { delivery, endpoint } = found;
  if (endpoint.disabledAt !== null) {
    await finish(deps, delivery.id, "failed", { lastResponse: "The endpoint is turned off." });
    return;
  }
  const outcome = await send(deps, endpoint, delivery);
  const attempts = delivery.attempts + 1;
  const record = { attempts, lastStatusCode: outcome.statusCode, lastLatencyMs: outcome.latencyMs, lastResponse: outcome.response };
  if (outcome.ok) return finish(deps, delivery.id, "succeeded", record);
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  if (delay !== undefined) {
    await deps.db
      .update(webhookDeliveries)
      .set({ ...record, nextAttemptAt: deps.now() + delay * 1000 })
      .where(eq(webhookDeliveries.id, delivery.id));
    await deps.schedule(delivery.id, delay);
    return;
  }
  await finish(deps, delivery.id, "failed", record);
  if (await disableEndpoint(deps.db, endpoint.id, deps.now())) await tellOwner(deps, endpoint);
}

async function finish(
  deps: DeliveryDeps,
  id: string,
  status: "succeeded" | "failed",
  record: Partial<typeof webhookDeliveries.$inferInsert>,
): Promise<void> {
  await deps.db
    .update(webhookDeliveries)
    .set({ ...record, status, finishedAt: deps.now(), nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending")));
}

async function tellOwner(deps: DeliveryDeps, endpoint: EndpointRow): Promise<void> {
  const owner = await deps.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, endpoint.userId)).get();
  if (!owner) return;
  await deps.email.send(endpointDisabledEmail({ ...owner, userId: endpoint.userId }, endpoint.url, deps.publicUrl));
}

/** A pending delivery this long past its due time has lost its queue message (a send that failed, a crash). */
const OVERDUE_MS = 15 * 60_000;

/**
 * Cron backstop: re-sends pending deliveries well past their due time, so none stays pending for ever.
 * Re-sending one whose message is only late is harmless: an attempt finds it no longer pending, or
 * sends it once more under the same webhook-id, which receivers drop.
 */
export async function resendOverdueDeliveries(deps: Pick<DeliveryDeps, "db" | "schedule">, now: number): Promise<number> {
  const overdue = await deps.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lt(webhookDeliveries.nextAttemptAt, now - OVERDUE_MS)))
    .limit(500);
  for (const { id } of overdue) {
    // Due again a little later, so the next cron run does not send it a second time meanwhile.
    await deps.db.update(webhookDeliveries).set({ nextAttemptAt: now }).where(eq(webhookDeliveries.id, id));
    await deps.schedule(id, 0);
  }
  return overdue.length;
}
