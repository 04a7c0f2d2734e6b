import { z } from "zod";
import { WEBHOOK_EVENTS, type WebhookEventType } from "./developer-limits";

export const createWebhookSchema = z.strictObject({
  url: z.string().trim().min(1, "Give the endpoint's address.").max(2000, "That address is too long."),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, "Choose at least one event.")
    .refine((events) => new Set(events).size === events.length, "Each event once."),
});
export type CreateWebhookBody = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({ enabled: z.literal(true) });

/** An endpoint as its owner sees it: never the secret, which is shown when made and when rotated. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledAt: number | null;
  /** Until when the secret before the last rotation still signs too, or null. */
  previousSecretUntil: number | null;
  createdAt: number;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastResponse: string | null;
  createdAt: number;
  finishedAt: number | null;
}
