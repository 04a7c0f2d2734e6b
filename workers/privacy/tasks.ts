import { z } from "zod";

/** A message on the tasks queue: ids only, never personal data. */
export const taskSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("export"), exportId: z.string().min(1) }),
  /** `final`: the follow-up pass that runs once in-flight work of the account must have ended. */
  z.strictObject({ type: z.literal("purge"), userId: z.string().min(1), final: z.boolean() }),
]);
export type Task = z.infer<typeof taskSchema>;

/** Sends one task, optionally delayed (seconds). */
export type EnqueueTask = (task: Task, delaySeconds?: number) => Promise<void>;

/** The real sender over the `TASKS_QUEUE` binding. */
export function taskSender(queue: Queue): EnqueueTask {
  return async (task, delaySeconds) => {
    await queue.send(task, delaySeconds ? { delaySeconds } : undefined);
  };
}
