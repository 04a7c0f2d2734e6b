import { and, eq, exists, inArray, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../db/client";
import { creditHolds } from "../db/schema";

/**
 * Hold state for other capabilities (generation's job views and sweeper): they ask here instead
 * of reading `credit_holds`, so the table's shape stays credits' own.
 */

/** Those of the user's `jobIds` whose hold was released (the job's credits went back). */
export async function releasedHoldJobIds(db: Database, userId: string, jobIds: readonly string[]): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await db
    .select({ jobId: creditHolds.jobId })
    .from(creditHolds)
    .where(and(eq(creditHolds.userId, userId), inArray(creditHolds.jobId, [...jobIds]), eq(creditHolds.status, "released")));
  return new Set(rows.map((row) => row.jobId));
}

/** A condition for another query: the hold of the job whose id is `jobId` (a column) is still open. */
export function holdIsOpen(db: Database, jobId: SQLWrapper): SQL {
  return exists(
    db
      .select({ one: creditHolds.jobId })
      .from(creditHolds)
      .where(and(eq(creditHolds.jobId, jobId), eq(creditHolds.status, "open"))),
  );
}
