import { Hono } from "hono";
import { createThreadSchema, replySchema, type SupportThreadResponse, type SupportThreadsResponse } from "../../shared/support";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { notFound } from "../lib/errors";
import { enforceRateLimit } from "../lib/rate-limit";
import { idParam, jsonBody, pathParams } from "../lib/validate";
import { SUPPORT_LIMITS } from "./limits";
import {
  addUserMessage,
  createThread,
  markRead,
  messagesOf,
  mustFindOwnThread,
  threadsOf,
  toMessageView,
  toSummary,
  toThreadView,
  unreadCountOf,
} from "./threads";

const threadIdParam = pathParams(idParam, () => notFound("There is no such support thread."));

/** A person's own support threads (docs/support.md). Every query is filtered by the signed-in user. */
export const supportRoutes = new Hono<AppEnv>()
  .get("/api/support/threads", requireUser, async (c) => {
    const userId = c.var.auth.userId;
    const [rows, unreadCount] = await Promise.all([threadsOf(c.var.db, userId), unreadCountOf(c.var.db, userId)]);
    return c.json({ threads: rows.map(toSummary), unreadCount } satisfies SupportThreadsResponse);
  })
  .get("/api/support/unread", requireUser, async (c) => {
    return c.json({ unreadCount: await unreadCountOf(c.var.db, c.var.auth.userId) });
  })
  .post("/api/support/threads", requireUser, jsonBody(createThreadSchema), async (c) => {
    const userId = c.var.auth.userId;
    const now = Date.now();
    await enforceRateLimit(c.env.DB, SUPPORT_LIMITS.threads, userId, now);
    await enforceRateLimit(c.env.DB, SUPPORT_LIMITS.messages, userId, now);
    const thread = await createThread(c.var.db, userId, c.req.valid("json"), now);
    return c.json({ thread: toThreadView(thread) }, 201);
  })
  .get("/api/support/threads/:id", requireUser, threadIdParam, async (c) => {
    const thread = await mustFindOwnThread(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    const now = Date.now();
    const [messages] = await Promise.all([messagesOf(c.var.db, thread.id), markRead(c.var.db, thread, now)]);
    const read = { ...thread, userReadAt: Math.max(now, thread.userReadAt) };
    return c.json({ thread: toThreadView(read), messages: messages.map(toMessageView) } satisfies SupportThreadResponse);
  })
  .post("/api/support/threads/:id/messages", requireUser, threadIdParam, jsonBody(replySchema), async (c) => {
    const thread = await mustFindOwnThread(c.var.db, c.var.auth.userId, c.req.valid("param").id);
    const now = Date.now();
    await enforceRateLimit(c.env.DB, SUPPORT_LIMITS.messages, c.var.auth.userId, now);
    const message = await addUserMessage(c.var.db, thread, c.req.valid("json").message, now);
    return c.json({ message: toMessageView(message) }, 201);
  });
