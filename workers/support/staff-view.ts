import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { supportThreads } from "../db/schema";

/** How many of a person's threads their console page lists. */
const THREADS_SHOWN = 20;

/** A person's support threads for their console page: subject, status and dates (messages stay in the Support section). */
export function threadsForStaff(db: Database, userId: string) {
  return db
    .select({
      id: supportThreads.id,
      subject: supportThreads.subject,
      status: supportThreads.status,
      lastActivityAt: supportThreads.lastActivityAt,
      createdAt: supportThreads.createdAt,
    })
    .from(supportThreads)
    .where(eq(supportThreads.userId, userId))
    .orderBy(desc(supportThreads.lastActivityAt), desc(supportThreads.id))
    .limit(THREADS_SHOWN);
}
