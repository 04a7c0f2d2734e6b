import { and, asc, desc, eq, gt, isNotNull, lt, or, sql } from "drizzle-orm";
import type { CreateThreadBody, SupportMessageView, SupportStatus, SupportThreadSummary, SupportThreadView } from "../../shared/support";
import type { Database } from "../db/client";
import { jobs, media, supportMessages, supportThreads } from "../db/schema";
import { AppError, notFound } from "../lib/errors";
import { newId } from "../lib/ids";

export type ThreadRow = typeof supportThreads.$inferSelect;
export type MessageRow = typeof supportMessages.$inferSelect;

/** Unread for the person: a staff message newer than their last look. */
function isUnread(row: ThreadRow): boolean {
  return row.lastStaffAt !== null && row.lastStaffAt > row.userReadAt;
}

export function toSummary(row: ThreadRow): SupportThreadSummary {
  return { id: row.id, subject: row.subject, status: row.status, updatedAt: row.lastActivityAt, unread: isUnread(row) };
}

export function toThreadView(row: ThreadRow): SupportThreadView {
  return {
    ...toSummary(row),
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    attachment: row.attachmentKind && row.attachmentId ? { kind: row.attachmentKind, id: row.attachmentId } : null,
  };
}

export function toMessageView(row: MessageRow): SupportMessageView {
  return { id: row.id, from: row.from, body: row.body, createdAt: row.createdAt };
}

/** The person's threads, newest activity first (at most 200: support threads are few). */
export function threadsOf(db: Database, userId: string): Promise<ThreadRow[]> {
  return db
    .select()
    .from(supportThreads)
    .where(eq(supportThreads.userId, userId))
    .orderBy(desc(supportThreads.lastActivityAt), desc(supportThreads.id))
    .limit(200)
    .all();
}

/** How many of the person's threads have a staff message they have not seen (the shell's badge). */
export async function unreadCountOf(db: Database, userId: string): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(supportThreads)
    .where(
      and(
        eq(supportThreads.userId, userId),
        isNotNull(supportThreads.lastStaffAt),
        gt(supportThreads.lastStaffAt, supportThreads.userReadAt),
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** The person's own thread, or a 404 (someone else's is answered as absent). */
export async function mustFindOwnThread(db: Database, userId: string, id: string): Promise<ThreadRow> {
  const row = await db
    .select()
    .from(supportThreads)
    .where(and(eq(supportThreads.id, id), eq(supportThreads.userId, userId)))
    .get();
  if (!row) throw notFound("There is no such support thread.");
  return row;
}

/** Any thread by id, for staff; 404 when there is none. */
export async function mustFindThread(db: Database, id: string): Promise<ThreadRow> {
  const row = await db.select().from(supportThreads).where(eq(supportThreads.id, id)).get();
  if (!row) throw notFound("There is no such support thread.");
  return row;
}

export function messagesOf(db: Database, threadId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.threadId, threadId))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id))
    .limit(1000)
    .all();
}

/** Checks that the attachment names one of the person's own jobs or gallery items (else 404, nothing written). */
async function checkAttachment(db: Database, userId: string, attachment: NonNullable<CreateThreadBody["attachment"]>): Promise<void> {
  const table = attachment.kind === "job" ? jobs : media;
  const row = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, attachment.id), eq(table.userId, userId)))
    .get();
  if (!row) throw notFound("There is no such item to attach.");
}

/** Opens a thread with its first message, in one batch. */
export async function createThread(db: Database, userId: string, body: CreateThreadBody, now: number): Promise<ThreadRow> {
  if (body.attachment) await checkAttachment(db, userId, body.attachment);
  const thread: ThreadRow = {
    id: newId(),
    userId,
    subject: body.subject,
    status: "open",
    attachmentKind: body.attachment?.kind ?? null,
    attachmentId: body.attachment?.id ?? null,
    lastActivityAt: now,
    userReadAt: now,
    lastStaffAt: null,
    closedAt: null,
    createdAt: now,
  };
  await db.batch([
    db.insert(supportThreads).values(thread),
    db
      .insert(supportMessages)
      .values({ id: newId(), threadId: thread.id, from: "user", staffId: null, body: body.message, createdAt: now }),
  ]);
  return thread;
}

/**
 * The person replies. A reply to a thread staff answered (`waiting`) or closed makes it `open`
 * again: a closed thread reopens rather than making the person start over (docs/support.md).
 */
export async function addUserMessage(db: Database, thread: ThreadRow, body: string, now: number): Promise<MessageRow> {
  const message: MessageRow = { id: newId(), threadId: thread.id, from: "user", staffId: null, body, createdAt: now };
  await db.batch([
    db.insert(supportMessages).values(message),
    db
      .update(supportThreads)
      .set({ status: "open", closedAt: null, lastActivityAt: now, userReadAt: now })
      .where(eq(supportThreads.id, thread.id)),
  ]);
  return message;
}

/** Marks the thread read by the person now, if a staff reply was unread (reading twice writes nothing). */
export async function markRead(db: Database, thread: ThreadRow, now: number): Promise<void> {
  if (thread.lastStaffAt === null || thread.lastStaffAt <= thread.userReadAt) return;
  await db.update(supportThreads).set({ userReadAt: now }).where(eq(supportThreads.id, thread.id));
}

/** A staff reply's statements (for the caller's batch with its audit row): the thread becomes `waiting`. */
export function staffMessageStatements(db: Database, thread: ThreadRow, staffId: string, body: string, now: number) {
  const message: MessageRow = { id: newId(), threadId: thread.id, from: "staff", staffId, body, createdAt: now };
  return {
    message,
    statements: [
      db.insert(supportMessages).values(message),
      db
        .update(supportThreads)
        .set({ status: "waiting", closedAt: null, lastActivityAt: now, lastStaffAt: now })
        .where(eq(supportThreads.id, thread.id)),
    ] as const,
  };
}

/** A status change by staff; closing records when (retention counts from it). */
export function statusStatement(db: Database, thread: ThreadRow, status: SupportStatus, now: number) {
  if (thread.status === status) throw new AppError("conflict", `The thread is already ${status}.`);
  return db
    .update(supportThreads)
    .set({ status, closedAt: status === "closed" ? now : null })
    .where(eq(supportThreads.id, thread.id));
}

const QUEUE_PAGE = 50;

/**
 * The staff queue, oldest activity first (the longest-waiting on top), optionally by status;
 * keyset-paged on (last activity, id) so each page reads the index from where the last ended.
 */
export async function staffQueue(
  db: Database,
  status: SupportStatus | undefined,
  cursor: string | undefined,
): Promise<{ rows: ThreadRow[]; next: string | null }> {
  const [at, id] = cursor ? cursor.split(":") : [];
  const after =
    at !== undefined && id !== undefined
      ? or(gt(supportThreads.lastActivityAt, Number(at)), and(eq(supportThreads.lastActivityAt, Number(at)), gt(supportThreads.id, id)))
      : undefined;
  const rows = await db
    .select()
    .from(supportThreads)
    .where(and(status ? eq(supportThreads.status, status) : undefined, after))
    .orderBy(asc(supportThreads.lastActivityAt), asc(supportThreads.id))
    .limit(QUEUE_PAGE + 1)
    .all();
  const page = rows.slice(0, QUEUE_PAGE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > QUEUE_PAGE && last ? `${last.lastActivityAt}:${last.id}` : null };
}

/** Ids of closed threads whose closing is older than `cutoff`, a chunk at a time. */
export function expiredThreadIds(db: Database, cutoff: number, limit: number) {
  return db
    .select({ id: supportThreads.id })
    .from(supportThreads)
    .where(and(eq(supportThreads.status, "closed"), lt(supportThreads.closedAt, cutoff)))
    .limit(limit)
    .all();
}
