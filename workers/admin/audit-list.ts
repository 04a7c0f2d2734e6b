import { and, desc, eq, lt } from "drizzle-orm";
import type { AuditPage, AuditQuery } from "../../shared/admin-audit";
import type { Database } from "../db/client";
import { auditLog } from "../db/schema";

/**
 * A page of the audit log, newest first. Ids are UUIDv7, so `id` alone orders by time and is the
 * cursor; each filter has an index that starts with its column and ends with `id` (actor, target,
 * action), so a page is one index range scan in order (test/admin/query-plan.integration.test.ts).
 */
export async function listAudit(db: Database, query: AuditQuery): Promise<AuditPage> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        query.actor ? eq(auditLog.actorId, query.actor) : undefined,
        query.target ? eq(auditLog.targetUserId, query.target) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.cursor ? lt(auditLog.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}
