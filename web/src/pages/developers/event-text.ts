import type { WebhookEventType } from "../../../../shared/developer-limits";

/** What each webhook event announces, in the words the endpoint form shows next to its checkbox. */
export const EVENT_TEXT: Record<WebhookEventType, { label: string; explanation: string }> = {
  "generation.succeeded": {
    label: "Generation succeeded",
    explanation: "A job of yours finished; the event carries the job and its media.",
  },
  "generation.failed": { label: "Generation failed", explanation: "A job of yours failed; its credits were refunded." },
  "generation.canceled": { label: "Generation canceled", explanation: "A job of yours was canceled before it finished." },
};
