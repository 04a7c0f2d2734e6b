import { consumeGenerationBatch } from "./consumer";
import { consumeDeadLetters } from "./dead-letter";
import { generationDeps } from "./deps";

/** The dead-letter queue's name (wrangler.toml), whose consumer fails and refunds at once. */
export const GENERATION_DLQ_NAME = "ausar-generation-dlq";

/** The Worker's `queue` handler for the generation queue and its dead-letter queue. */
export function handleGenerationQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = generationDeps(env);
  return batch.queue === GENERATION_DLQ_NAME ? consumeDeadLetters(batch, deps) : consumeGenerationBatch(batch, deps);
}
