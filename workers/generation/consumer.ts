import { redactSecrets } from "../lib/redact";
import { runPoll, runStart } from "./attempt";
import type { GenerationDeps } from "./deps";
import { parseMessage } from "./messages";
import { backoffSeconds } from "./policy";
import { makeJobThumbnails } from "./thumbnails";

/**
 * The `ausar-generation` consumer. Each message is handled on its own: provider outcomes,
 * retries and failures are decided inside (and recorded in D1) and the message is acked; only
 * an unexpected error asks the queue to deliver it again. After `max_retries` deliveries the
 * queue moves it to the dead-letter queue, whose consumer fails and refunds the job.
 */
export async function consumeGenerationBatch(batch: MessageBatch<unknown>, deps: GenerationDeps): Promise<void> {
  await Promise.all(
    batch.messages.map(async (msg) => {
      const message = parseMessage(msg.body);
      if (!message) {
        console.warn(JSON.stringify({ level: "warn", event: "generation_message_dropped", id: msg.id }));
        msg.ack();
        return;
      }
      try {
        if (message.type === "start") await runStart(deps, message);
        else if (message.type === "poll") await runPoll(deps, message);
        else await makeJobThumbnails(deps, message.jobId);
        msg.ack();
      } catch (error) {
        console.error(
          JSON.stringify({ level: "error", event: "generation_message_failed", jobId: message.jobId, error: redactSecrets(String(error)) }),
        );
        // Redelivery after an unexpected error (e.g. D1 unreachable) backs off like a provider retry.
        msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
      }
    }),
  );
}
