import { database } from "../db/client";
import type { ExportDeps } from "./export-build";
import type { PurgeDeps } from "./purge";
import { taskSender } from "./tasks";

/** The real dependencies of the background privacy work (queue consumer and cron). */
export function privacyDeps(env: Env): PurgeDeps & ExportDeps {
  return { env, db: database(env.DB), d1: env.DB, bucket: env.MEDIA, now: Date.now, enqueue: taskSender(env.TASKS_QUEUE) };
}
