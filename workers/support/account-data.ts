import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { supportMessages, supportThreads } from "../db/schema";
import type { AccountDataContribution, PurgeContext } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";
import { toMessageView, toThreadView } from "./threads";

/** The person's threads with every message, oldest first, for the export. */
async function supportThreadsOf(db: Database, userId: string) {
  const threads = await db
    .select()
    .from(supportThreads)
    .where(eq(supportThreads.userId, userId))
    .orderBy(asc(supportThreads.createdAt))
    .all();
  if (threads.length === 0) return [];
  const messages = await db
    .select()
    .from(supportMessages)
    .where(
      inArray(
        supportMessages.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id))
    .all();
  // Staff messages are the person's too (written to them); which staff member wrote one is not.
  return threads.map((t) => ({ ...toThreadView(t), messages: messages.filter((m) => m.threadId === t.id).map(toMessageView) }));
}

/** Messages of the person's threads first, then the threads: a crash in between leaves threads, whose messages go on the next run. */
async function purgeSupport(ctx: PurgeContext): Promise<boolean> {
  const ownThreads = ctx.db.select({ id: supportThreads.id }).from(supportThreads).where(eq(supportThreads.userId, ctx.userId));
  if (!(await deleteInChunks(ctx, supportMessages, inArray(supportMessages.threadId, ownThreads)))) return false;
  return deleteInChunks(ctx, supportThreads, eq(supportThreads.userId, ctx.userId));
}

/**
 * Support's part of a person's data: their threads and every message in them (their own and
 * staff's answers), exported in full and deleted with the account. A staff member's own
 * messages in other people's threads stay with those threads; the staff id on them becomes
 * a pseudonym when the staff member's account is deleted.
 */
export const supportAccountData: AccountDataContribution = {
  capability: "support",
  tables: ["support_threads", "support_messages"],
  exportSections: async (db, userId) => ({ supportThreads: await supportThreadsOf(db, userId) }),
  purge: purgeSupport,
  finalStatements: (db, userId) => [db.update(supportMessages).set({ staffId: "erased" }).where(eq(supportMessages.staffId, userId))],
};
