import { eq } from "drizzle-orm";
import { TERMINAL_STATUSES } from "../../shared/generation";
import { jobs } from "../db/schema";
import type { GenerationDeps } from "./deps";
import { IN_FLIGHT, jobById } from "./jobs-store";
import { type GenerationMessage, parseMessage } from "./messages";
import { failJob, settle } from "./settlement";

/** True when the message is about the job's current attempt (a stale one must not end a newer attempt). */
function isCurrent(message: Exclude<GenerationMessage, { type: "thumbnails" }>, attempts: number): boolean {
  return attempts === message.attempt || (message.type === "start" && attempts === message.attempt - 1);
}

/** Fails (and refunds) the job the message was about, or finishes settling it if it already ended. */
async function failForMessage(deps: GenerationDeps, message: GenerationMessage): Promise<void> {
  if (message.type === "thumbnails") return; // the job already succeeded; it just keeps no thumbnails
  const job = await jobById(deps.db, message.jobId);
  if (!job) return;
  if (TERMINAL_STATUSES.includes(job.status)) return settle(deps, job);
  if (!isCurrent(message, job.attempts)) return;
  await failJob(
    deps,
    job.id,
    { attempt: job.attempts, statuses: IN_FLIGHT },
    { code: "internal", message: "Something went wrong on our side." },
  );
}

/** Marks the job as dead-lettered, so staff find it in the console's dead-letter list and can requeue it. */
async function recordDeadLetter(deps: GenerationDeps, message: GenerationMessage): Promise<void> {
  await deps.db.update(jobs).set({ deadLetteredAt: deps.now() }).where(eq(jobs.id, message.jobId));
}

/**
 * The `ausar-generation-dlq` consumer: a message the main consumer could not handle after every
 * redelivery fails its job now (refunding it) instead of leaving it to the deadline sweeper.
 * The message is logged and its job marked `dead_lettered_at` for an operator (the console lists them).
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, deps: GenerationDeps): Promise<void> {
  for (const msg of batch.messages) {
    const message = parseMessage(msg.body);
    console.error(JSON.stringify({ level: "error", event: "generation_dead_letter", id: msg.id, body: message }));
    try {
      if (message) {
        await recordDeadLetter(deps, message);
        await failForMessage(deps, message);
      }
      msg.ack();
    } catch (error) {
      console.error(JSON.stringify({ level: "error", event: "dead_letter_failed", id: msg.id, error: String(error) }));
      msg.retry({ delaySeconds: 30 });
    }
  }
}
