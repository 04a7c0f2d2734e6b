import { z } from "zod";
import { USAGE_BATCH_MAX, USAGE_FEATURES, USAGE_PAGES, type UsageEvent } from "./usage";

const usageEventSchema: z.ZodType<UsageEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("page_view"), name: z.enum(USAGE_PAGES) }),
  z.object({ type: z.literal("feature"), name: z.enum(USAGE_FEATURES) }),
]);

/** `POST /api/usage/events`: a batch the web app collected (sent with `navigator.sendBeacon` when the tab hides). */
export const usageBatchSchema = z.object({
  events: z.array(usageEventSchema).min(1).max(USAGE_BATCH_MAX, `At most ${USAGE_BATCH_MAX} events at once.`),
});

/** `GET /api/account/usage?days=&offset=`: the period shown and the viewer's UTC offset in minutes (days are theirs). */
export const usageQuerySchema = z.object({
  days: z.coerce.number().int().min(7).max(366).default(30),
  offset: z.coerce.number().int().min(-840).max(840).default(0),
});
