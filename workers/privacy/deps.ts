import { database } from "../db/client";
import type { ExportDeps } from "./export-build";
import type { PurgeDeps } from "./purge";
import { taskSender } from "./tasks";

/** The real dependencies of the background privacy work (queue consumer and cron). */
export function privacyDeps(env: Pick<Env, "DB" | "MEDIA" | "TASKS_QUEUE">): PurgeDeps & ExportDeps {
  return { db: database(env.DB), d1: env.DB, bucket: env.MEDIA, now: Date.now, enqueue: taskSender(env.TASKS_QUEUE) };
}
