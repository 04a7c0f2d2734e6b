import type { RateLimit } from "../lib/rate-limit";

/** Per person: batches of usage events an hour (a tab sends one when it hides, or every half minute of use). */
export const USAGE_LIMITS = {
  batches: { name: "usage_batches", max: 240, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimit>;
