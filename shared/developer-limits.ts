/**
 * The API keys' permissions and limits and the webhooks' events (docs/api.md), without zod, so that the web app's pages can
 * import them without bringing the schema library into their chunk. Schemas: shared/developers.ts.
 */
export const API_KEY_SCOPES = ["generate", "gallery:read", "gallery:write", "credits:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Live (not revoked) keys an account may hold at once. */
export const API_KEYS_MAX = 10;
export const API_KEY_NAME_MAX = 60;

/** What a webhook endpoint can hear about: a job of the person's reaching its end (docs/api.md "Webhooks"). */
export const WEBHOOK_EVENTS = ["generation.succeeded", "generation.failed", "generation.canceled"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Endpoints an account may have at once. */
export const WEBHOOK_ENDPOINTS_MAX = 5;
