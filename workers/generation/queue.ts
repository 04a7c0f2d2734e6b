import { QUEUES } from "../queues";
import { consumeGenerationBatch } from "./consumer";
import { consumeDeadLetters } from "./dead-letter";
import { generationDeps } from "./deps";

/** The Worker's `queue` handler for the generation queue and its dead-letter queue. */
export function handleGenerationQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = generationDeps(env);
  return batch.queue === QUEUES.generationDeadLetter.name ? consumeDeadLetters(batch, deps) : consumeGenerationBatch(batch, deps);
}
