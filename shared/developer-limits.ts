/**
 * The API keys' permissions and limits (docs/api.md), without zod, so that the web app's pages can
 * import them without bringing the schema library into their chunk. Schemas: shared/developers.ts.
 */
export const API_KEY_SCOPES = ["generate", "gallery:read", "gallery:write", "credits:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Live (not revoked) keys an account may hold at once. */
export const API_KEYS_MAX = 10;
export const API_KEY_NAME_MAX = 60;
