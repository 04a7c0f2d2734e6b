import { z } from "zod";
import { database } from "../../db/client";
import { emailSenderFor } from "../../lib/email/select";
import { attemptDelivery, type DeliveryDeps } from "./delivery";

const messageSchema = z.object({ deliveryId: z.string().min(1).max(100) });

/** What the delivery needs, from the Worker's bindings. */
export function deliveryDeps(env: Env): DeliveryDeps {
  const db = database(env.DB);
  return {
    db,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    schedule: async (deliveryId, delaySeconds) => {
      await env.WEBHOOK_QUEUE.send({ deliveryId }, { delaySeconds });
    },
    email: emailSenderFor(env, db),
    publicUrl: env.PUBLIC_URL,
  };
}

/**
 * The `ausar-webhooks` consumer: one attempt per message, side by side (each waits on someone else's
 * server). An attempt records its own outcome and schedules its own retry; an unexpected error (D1
 * away) asks the queue for a redelivery, which finds the delivery still pending.
 */
export async function handleWebhookQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = deliveryDeps(env);
  await Promise.all(
    batch.messages.map(async (msg) => {
      const parsed = messageSchema.safeParse(msg.body);
      if (!parsed.success) return msg.ack();
      try {
        await attemptDelivery(deps, parsed.data.deliveryId);
        msg.ack();
      } catch (error) {
        console.error(JSON.stringify({ level: "error", event: "webhook_attempt_failed", error: String(error) }));
        msg.retry({ delaySeconds: 30 });
      }
    }),
  );
}

/** Queues first attempts (in one batch message send). */
export function enqueueDeliveries(env: Env): (deliveryIds: string[]) => Promise<void> {
  return async (deliveryIds) => {
    await env.WEBHOOK_QUEUE.sendBatch(deliveryIds.map((deliveryId) => ({ body: { deliveryId } })));
  };
}
