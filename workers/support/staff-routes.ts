import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  replySchema,
  type StaffAttachmentView,
  type StaffThreadResponse,
  type StaffThreadsResponse,
  staffStatusSchema,
  staffThreadsQuerySchema,
} from "../../shared/support";
import { requireRole } from "../admin/guard";
import type { AppEnv } from "../app-env";
import type { Database } from "../db/client";
import { jobs, media, users } from "../db/schema";
import { emailSenderFor } from "../lib/email/select";
import { notFound } from "../lib/errors";
import { publicUrlFor } from "../lib/public-url";
import { idParam, jsonBody, pathParams, queryParams } from "../lib/validate";
import { supportReplyEmail } from "./emails";
import { messagesOf, mustFindThread, staffMessageStatements, staffQueue, statusStatement, type ThreadRow, toMessageView } from "./threads";

const STAFF = ["support", "admin"] as const;
const threadIdParam = pathParams(idParam, () => notFound("There is no such support thread."));

function staffSummary(row: ThreadRow) {
  return {
    id: row.id,
    userId: row.userId,
    subject: row.subject,
    status: row.status,
    updatedAt: row.lastActivityAt,
    createdAt: row.createdAt,
  };
}

/** The attached item's metadata, read for the thread's owner only (the attachment was checked as theirs). */
async function attachmentOf(db: Database, thread: ThreadRow): Promise<StaffAttachmentView | null> {
  const { attachmentKind: kind, attachmentId: id } = thread;
  if (!kind || !id) return null;
  if (kind === "job") {
    const job = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.userId, thread.userId)))
      .get();
    if (!job) return { kind, id, missing: true };
    return { kind, id, model: job.model, jobKind: job.kind, status: job.status, prompt: job.prompt, createdAt: job.createdAt };
  }
  const item = await attachedMedia(db, thread);
  if (!item) return { kind, id, missing: true };
  const { contentType, bytes, width, height, createdAt } = item;
  return { kind, id, mediaKind: item.kind, contentType, bytes, width, height, createdAt };
}

function attachedMedia(db: Database, thread: ThreadRow) {
  if (thread.attachmentKind !== "media" || !thread.attachmentId) return Promise.resolve(undefined);
  return db
    .select()
    .from(media)
    .where(and(eq(media.id, thread.attachmentId), eq(media.userId, thread.userId)))
    .get();
}

/**
 * Support threads for staff: the queue, a thread (audited read), the attached item's bytes (only
 * when the person attached it), a reply (the thread becomes `waiting`, the person gets an email
 * with the subject and a link, never the text) and a status change with a reason.
 */
export const supportStaffRoutes = new Hono<AppEnv>()
  .get("/api/admin/support/threads", requireRole(STAFF, "support.thread.list"), queryParams(staffThreadsQuerySchema), async (c) => {
    const { status, cursor } = c.req.valid("query");
    c.var.audit.about({ targetObject: `support_queue:${status ?? "all"}` });
    c.header("Cache-Control", "no-store");
    const { rows, next } = await staffQueue(c.var.db, status, cursor);
    return c.json({ threads: rows.map(staffSummary), next } satisfies StaffThreadsResponse);
  })
  .get("/api/admin/support/threads/:id", requireRole(STAFF, "support.thread.read"), threadIdParam, async (c) => {
    const { id } = c.req.valid("param");
    c.var.audit.about({ targetObject: `thread:${id}` });
    const thread = await mustFindThread(c.var.db, id);
    c.var.audit.about({ targetUserId: thread.userId });
    const [messages, attachment, user] = await Promise.all([
      messagesOf(c.var.db, thread.id),
      attachmentOf(c.var.db, thread),
      c.var.db.select({ email: users.email }).from(users).where(eq(users.id, thread.userId)).get(),
    ]);
    c.header("Cache-Control", "no-store");
    return c.json({
      thread: { ...staffSummary(thread), closedAt: thread.closedAt, userEmail: user?.email ?? null },
      attachment,
      messages: messages.map((m) => ({ ...toMessageView(m), staffId: m.staffId })),
    } satisfies StaffThreadResponse);
  })
  .get("/api/admin/support/threads/:id/attachment", requireRole(STAFF, "support.attachment.read"), threadIdParam, async (c) => {
    const { id } = c.req.valid("param");
    c.var.audit.about({ targetObject: `thread:${id}` });
    const thread = await mustFindThread(c.var.db, id);
    c.var.audit.about({ targetUserId: thread.userId, targetObject: `media:${thread.attachmentId ?? "none"}` });
    const item = await attachedMedia(c.var.db, thread);
    if (!item) throw notFound("This thread has no attached picture or video.");
    const object = await c.env.MEDIA.get(item.r2Key);
    if (!object) throw notFound("The attached file is gone.");
    return new Response(object.body, {
      headers: {
        "Content-Type": item.contentType,
        "Content-Length": String(object.size),
        "Cache-Control": "no-store",
        "Content-Disposition": "inline",
        "X-Content-Type-Options": "nosniff",
      },
    });
  })
  .post(
    "/api/admin/support/threads/:id/messages",
    requireRole(STAFF, "support.thread.reply"),
    threadIdParam,
    jsonBody(replySchema),
    async (c) => {
      const { id } = c.req.valid("param");
      c.var.audit.about({ targetObject: `thread:${id}` });
      const thread = await mustFindThread(c.var.db, id);
      const now = Date.now();
      const { message, statements } = staffMessageStatements(c.var.db, thread, c.var.staff.userId, c.req.valid("json").message, now);
      await c.var.db.batch([...statements, c.var.audit.statement({ targetUserId: thread.userId })]);
      const user = await c.var.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, thread.userId)).get();
      if (user) {
        const url = `${publicUrlFor(c.env, c.req.url)}/support/${thread.id}`;
        try {
          await emailSenderFor(c.env, c.var.db).send(supportReplyEmail(user.email, thread.userId, user.name, thread.subject, url));
        } catch (error) {
          // The reply is saved and shows on the support page; only the notice failed.
          console.error(JSON.stringify({ level: "error", requestId: c.var.requestId, event: "email_failed", error: String(error) }));
        }
      }
      return c.json({ message: { ...toMessageView(message), staffId: message.staffId } }, 201);
    },
  )
  .post(
    "/api/admin/support/threads/:id/status",
    requireRole(STAFF, "support.thread.status"),
    threadIdParam,
    jsonBody(staffStatusSchema),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      c.var.audit.about({ targetObject: `thread:${id}`, reason: body.reason });
      const thread = await mustFindThread(c.var.db, id);
      c.var.audit.about({ targetUserId: thread.userId });
      const now = Date.now();
      await c.var.db.batch([statusStatement(c.var.db, thread, body.status, now), c.var.audit.statement()]);
      const next = { ...thread, status: body.status, closedAt: body.status === "closed" ? now : null };
      return c.json({ thread: { ...staffSummary(next), closedAt: next.closedAt } });
    },
  );
