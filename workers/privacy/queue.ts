import { backoffSeconds } from "../lib/backoff";
import { privacyDeps } from "./deps";
import { buildExport, EXPORT_MAX_ATTEMPTS, type ExportDeps, giveUpExport } from "./export-build";
import { type PurgeDeps, purgeAccount } from "./purge";
import { type Task, taskSchema } from "./tasks";

type Deps = PurgeDeps & ExportDeps;

function log(level: "warn" | "error", event: string, fields: Record<string, unknown>): void {
  console[level](JSON.stringify({ level, event, ...fields }));
}

async function run(deps: Deps, task: Task): Promise<void> {
  if (task.type === "export") await buildExport(deps, task.exportId);
  else await purgeAccount(deps, task.userId, task.final);
}

/**
 * Handles one message; an unexpected error asks for redelivery with backoff (every task is
 * idempotent), except an export's last attempt, which is failed so the person can start another.
 */
async function handleTask(deps: Deps, msg: Message<unknown>): Promise<void> {
  const parsed = taskSchema.safeParse(msg.body);
  if (!parsed.success) {
    log("warn", "task_dropped", { id: msg.id });
    return msg.ack();
  }
  const task = parsed.data;
  try {
    await run(deps, task);
    msg.ack();
  } catch (error) {
    log("error", "task_failed", { task: task.type, attempt: msg.attempts, error: String(error) });
    if (task.type === "export" && msg.attempts >= EXPORT_MAX_ATTEMPTS) {
      await giveUpExport(deps, task.exportId);
      return msg.ack();
    }
    // 10, 20, 40 … seconds, at most 5 minutes: long enough for a D1 or R2 hiccup to pass.
    msg.retry({ delaySeconds: backoffSeconds(msg.attempts, { firstSeconds: 10, capSeconds: 300 }) });
  }
}

/**
 * The `ausar-tasks` consumer. Messages run one after another: an export streams a whole gallery
 * and a purge spends a per-invocation budget of calls, so running them side by side gains nothing.
 */
export async function handleTaskQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deps = privacyDeps(env);
  for (const msg of batch.messages) await handleTask(deps, msg);
}
