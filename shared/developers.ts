import { z } from "zod";
import { API_KEY_NAME_MAX, API_KEY_SCOPES, type ApiKeyScope } from "./developer-limits";

/** The largest monthly credit cap a key can be given (a cap past the biggest plan is no cap). */
const API_KEY_CAP_MAX = 10_000_000;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name.").max(API_KEY_NAME_MAX, `Keep it under ${API_KEY_NAME_MAX} characters.`),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, "Choose at least one permission.")
    .max(API_KEY_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, "Each permission once."),
  /** Credits the key may spend per calendar month (UTC); null or absent: no cap beyond the balance. */
  monthlyCreditCap: z
    .number()
    .int("A whole number of credits.")
    .min(1, "At least 1 credit, or no cap.")
    .max(API_KEY_CAP_MAX, "That cap is larger than any balance.")
    .nullable()
    .optional(),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeySchema>;

/** One key as its owner sees it: never the secret, which is shown once at creation. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the secret, to tell keys apart (`ausar_sk_AbC1…`). */
  prefix: string;
  scopes: ApiKeyScope[];
  monthlyCreditCap: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** Credits held or spent by jobs this key started since the start of this calendar month (UTC); refunds do not count. */
  spentThisMonth: number;
}

/** `GET /api/developers/keys`: the live keys, newest first. */
export interface ApiKeysResponse {
  keys: ApiKeyView[];
}

/** `POST /api/developers/keys` (201): the new key and, this once, its secret. */
export interface CreatedApiKeyResponse {
  key: ApiKeyView;
  secret: string;
}
