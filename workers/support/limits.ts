import type { RateLimit } from "../lib/rate-limit";

const HOUR = 60 * 60 * 1000;

/** Per person: new threads a day, and messages (first messages and replies) an hour. */
export const SUPPORT_LIMITS = {
  threads: { name: "support_threads", max: 10, windowMs: 24 * HOUR },
  messages: { name: "support_messages", max: 60, windowMs: HOUR },
} satisfies Record<string, RateLimit>;
