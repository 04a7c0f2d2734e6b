import { z } from "zod";

/**
 * What travels on the generation queue: ids and counters only, never prompts or media.
 * `start` begins attempt `attempt` (1-based); `poll` asks an asynchronous provider about the
 * attempt it is running; `thumbnails` follows a success. A message whose attempt is no longer the job's current one is stale
 * and is acknowledged without effect, which is what makes duplicate deliveries harmless.
 */
const generationMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), jobId: z.string().min(1), attempt: z.number().int().min(1) }),
  z.object({
    type: z.literal("poll"),
    jobId: z.string().min(1),
    attempt: z.number().int().min(1),
    poll: z.number().int().min(1),
    /** Status checks that failed in a row just before this one. */
    pollFailures: z.number().int().min(0).default(0),
  }),
  /** After a success: make the gallery thumbnails of the job's images, off the job's critical path. */
  z.object({ type: z.literal("thumbnails"), jobId: z.string().min(1) }),
]);
export type GenerationMessage = z.infer<typeof generationMessageSchema>;

/** Reads a queue message body; null for anything that is not one of ours (it is dropped, not retried). */
export function parseMessage(body: unknown): GenerationMessage | null {
  const parsed = generationMessageSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}
