import { Hono } from "hono";
import { deleteAccountSchema } from "../../shared/privacy";
import type { AppEnv } from "../app-env";
import { clearSessionCookies } from "../auth/cookies";
import { requireUser } from "../auth/middleware";
import { closeLiveSession } from "../credits/live";
import { jsonBody } from "../lib/validate";
import { deleteAccount } from "./deletion";
import { taskSender } from "./tasks";

/** Account deletion: the account ends now, the purge follows in the background. */
export const deletionRoutes = new Hono<AppEnv>().delete("/api/account", requireUser, jsonBody(deleteAccountSchema), async (c) => {
  const deps = {
    db: c.var.db,
    now: Date.now(),
    closeLive: (userId: string) => closeLiveSession(c.env, userId),
    enqueue: taskSender(c.env.TASKS_QUEUE),
  };
  await deleteAccount(deps, c.var.auth.userId, c.req.valid("json").password);
  clearSessionCookies(c);
  return c.body(null, 202);
});
