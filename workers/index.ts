import { createApp } from "./app";
import { handleWebhookQueue } from "./developers/webhooks/queue";
import { handleGenerationQueue } from "./generation/queue";
import { handleTaskQueue } from "./privacy/queue";
import { QUEUES } from "./queues";
import { runScheduled } from "./scheduled";

export { Account } from "./credits/account";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
  // Each queue by name: privacy tasks, webhook deliveries, else the generation queue or its dead-letter queue.
  queue: (batch, env) => {
    if (batch.queue === QUEUES.tasks.name) return handleTaskQueue(batch, env);
    if (batch.queue === QUEUES.webhooks.name) return handleWebhookQueue(batch, env);
    return handleGenerationQueue(batch, env);
  },
} satisfies ExportedHandler<Env>;
