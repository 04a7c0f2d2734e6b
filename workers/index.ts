import { createApp } from "./app";
import { handleGenerationQueue } from "./generation/queue";
import { handleTaskQueue } from "./privacy/queue";
import { QUEUES } from "./queues";
import { runScheduled } from "./scheduled";

export { Account } from "./credits/account";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
  // Each queue by name: the privacy tasks queue, else the generation queue or its dead-letter queue.
  queue: (batch, env) => (batch.queue === QUEUES.tasks.name ? handleTaskQueue(batch, env) : handleGenerationQueue(batch, env)),
} satisfies ExportedHandler<Env>;
