import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { WEBHOOK_ENDPOINTS_MAX } from "../../../shared/developer-limits";
import type { CreateWebhookBody, WebhookEndpointView } from "../../../shared/webhooks";
import type { Database } from "../../db/client";
import { insertRowIf } from "../../db/insert-select";
import { webhookEndpoints } from "../../db/schema";
import { toBase64 } from "../../lib/crypto";
import { AppError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { endpointUrlProblem } from "./endpoint-url";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export const NO_SUCH_ENDPOINT = "There is no such webhook endpoint.";

/** How long the secret before a rotation keeps signing beside the new one: time to roll the receiver over. */
const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A Standard Webhooks secret: `whsec_` and 32 random bytes, base64. */
function newSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function toEndpointView(row: EndpointRow, now: number): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    enabled: row.disabledAt === null,
    disabledAt: row.disabledAt,
    previousSecretUntil: row.previousSecretUntil !== null && row.previousSecretUntil > now ? row.previousSecretUntil : null,
    createdAt: row.createdAt,
  };
}

/** The person's endpoints, newest first. */
export async function listEndpoints(db: Database, userId: string): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)).orderBy(desc(webhookEndpoints.createdAt));
}

/** One of the person's endpoints, or 404 (someone else's reads as absent). */
export async function ownEndpoint(db: Database, userId: string, id: string): Promise<EndpointRow> {
  const row = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.userId, userId)))
    .get();
  if (!row) throw notFound(NO_SUCH_ENDPOINT);
  return row;
}

/** Adds an endpoint (at most WEBHOOK_ENDPOINTS_MAX) and answers its secret, shown this once. */
export async function createEndpoint(
  db: Database,
  userId: string,
  body: CreateWebhookBody,
  now: number,
): Promise<{ row: EndpointRow; secret: string }> {
  const problem = endpointUrlProblem(body.url);
  if (problem) throw new AppError("validation_failed", "Some fields need attention.", { issues: [problem] });
  const row: EndpointRow = {
    id: newId(now),
    userId,
    url: new URL(body.url).toString(),
    events: [...body.events].sort(),
    secret: newSecret(),
    previousSecret: null,
    previousSecretUntil: null,
    disabledAt: null,
    createdAt: now,
  };
  // The count is a condition of the insert itself: two creations at once cannot both pass it.
  const owned = db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId));
  const result = await insertRowIf(db, webhookEndpoints, row, sql`(${owned}) < ${WEBHOOK_ENDPOINTS_MAX}`).run();
  if (result.meta.changes === 0) {
    throw new AppError("conflict", `You have ${WEBHOOK_ENDPOINTS_MAX} endpoints already. Remove one first.`);
  }
  return { row, secret: row.secret };
}

/** A new secret; the old one keeps signing too for ROTATION_OVERLAP_MS. */
export async function rotateSecret(db: Database, row: EndpointRow, now: number): Promise<{ row: EndpointRow; secret: string }> {
  const next: EndpointRow = { ...row, secret: newSecret(), previousSecret: row.secret, previousSecretUntil: now + ROTATION_OVERLAP_MS };
  await db
    .update(webhookEndpoints)
    .set({ secret: next.secret, previousSecret: next.previousSecret, previousSecretUntil: next.previousSecretUntil })
    .where(eq(webhookEndpoints.id, row.id));
  return { row: next, secret: next.secret };
}

/** Turns a disabled endpoint back on (after its owner fixed the receiver). */
export async function enableEndpoint(db: Database, row: EndpointRow): Promise<EndpointRow> {
  await db.update(webhookEndpoints).set({ disabledAt: null }).where(eq(webhookEndpoints.id, row.id));
  return { ...row, disabledAt: null };
}

/** Stops an endpoint that failed for about a day; false when it was already off (so the owner is told once). */
export async function disableEndpoint(db: Database, endpointId: string, now: number): Promise<boolean> {
  const changed = await db
    .update(webhookEndpoints)
    .set({ disabledAt: now })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id })
    .get();
  return changed !== undefined;
}

/** The secrets a delivery is signed with now: the current one, and the previous one during its overlap. */
export function signingSecrets(row: EndpointRow, now: number): string[] {
  return row.previousSecret && row.previousSecretUntil !== null && row.previousSecretUntil > now
    ? [row.secret, row.previousSecret]
    : [row.secret];
}
