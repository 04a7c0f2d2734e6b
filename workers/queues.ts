/**
 * Every queue of the Worker, in one place: its name (as in wrangler.toml, top level and
 * `[env.production]`, checked by test/lib/queues.test.ts), the producer binding that sends to
 * it, and the dead-letter queue a consumer gives up to.
 */
export const QUEUES = {
  /** Generation work: start, poll, thumbnails (workers/generation/consumer.ts). */
  generation: { name: "ausar-generation", binding: "GENERATION_QUEUE", deadLetter: "ausar-generation-dlq" },
  /** Generation messages the consumer could not handle: they fail and refund their job at once. */
  generationDeadLetter: { name: "ausar-generation-dlq" },
  /** Background privacy work: data exports and account purges (workers/privacy/queue.ts). */
  tasks: { name: "ausar-tasks", binding: "TASKS_QUEUE" },
  /** Outbound webhook deliveries, one attempt per message (workers/developers/webhooks/queue.ts). */
  webhooks: { name: "ausar-webhooks", binding: "WEBHOOK_QUEUE" },
} as const satisfies Record<string, { name: string; binding?: keyof Env; deadLetter?: string }>;
