import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { EXPORT_TTL_MS, type ExportView } from "../../shared/privacy";
import type { Database } from "../db/client";
import { dataExports } from "../db/schema";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";

export type ExportRow = typeof dataExports.$inferSelect;

const IN_FLIGHT = ["queued", "building"] as const;

/** Where the owner downloads a ready export (a Worker route that checks the owner). */
const downloadPath = (id: string) => `/api/account/exports/${id}/download`;

/** Whether a row is ready and still within its download window. */
export function isDownloadable(row: ExportRow, now: number): boolean {
  return row.status === "ready" && row.r2Key !== null && row.expiresAt !== null && row.expiresAt > now;
}

/** The API's view of an export row; a ready export past its window reads `expired` even before the cron deletes it. */
export function toExportView(row: ExportRow, now: number): ExportView {
  const lapsed = row.status === "ready" && !isDownloadable(row, now);
  const view: ExportView = { id: row.id, status: lapsed ? "expired" : row.status, createdAt: row.createdAt };
  if (row.finishedAt !== null) view.finishedAt = row.finishedAt;
  if (isDownloadable(row, now)) {
    view.downloadUrl = downloadPath(row.id);
    view.expiresAt = row.expiresAt!;
    if (row.bytes !== null) view.bytes = row.bytes;
  }
  if (row.status === "failed" && row.errorMessage) view.error = row.errorMessage;
  return view;
}

/** drizzle wraps D1's error ("Failed query: …"), with the database's own message as the cause. */
/**
 * Records a new export request. The partial unique index admits one queued or building export
 * per person, so a second request (even a simultaneous one) is refused with 409.
 */
export async function createExport(db: Database, userId: string, now: number): Promise<ExportRow> {
  const row: ExportRow = {
    id: newId(now),
    userId,
    status: "queued",
    r2Key: null,
    bytes: null,
    mediaCount: null,
    errorMessage: null,
    attempts: 0,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    expiresAt: null,
  };
  try {
    await db.insert(dataExports).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "Your data export is already being prepared. It will be ready in a moment.");
    }
    throw error;
  }
  return row;
}

/** One of the person's exports, or undefined (someone else's is answered exactly like none). */
export function findExport(db: Database, userId: string, id: string): Promise<ExportRow | undefined> {
  return db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, id), eq(dataExports.userId, userId)))
    .get();
}

/** The person's most recent exports, newest first. */
export function recentExports(db: Database, userId: string, limit = 5): Promise<ExportRow[]> {
  return db
    .select()
    .from(dataExports)
    .where(eq(dataExports.userId, userId))
    .orderBy(desc(dataExports.createdAt), desc(dataExports.id))
    .limit(limit)
    .all();
}

/** Claims an export for building (a redelivery after a crash claims it again); null when it is over or gone. */
export async function claimExport(db: Database, id: string, now: number): Promise<ExportRow | null> {
  const [row] = await db
    .update(dataExports)
    .set({ status: "building", startedAt: now, attempts: sql`${dataExports.attempts} + 1` })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, [...IN_FLIGHT])))
    .returning();
  return row ?? null;
}

/** Marks a built export ready for EXPORT_TTL_MS; false when it was failed or purged meanwhile. */
export async function markReady(
  db: Database,
  id: string,
  built: { r2Key: string; bytes: number; mediaCount: number },
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(dataExports)
    .set({ status: "ready", ...built, finishedAt: now, expiresAt: now + EXPORT_TTL_MS })
    .where(and(eq(dataExports.id, id), eq(dataExports.status, "building")))
    .returning({ id: dataExports.id });
  return rows.length === 1;
}

/** Gives up on an export that is still in flight, with a reason the person reads. */
export async function markFailed(db: Database, id: string, message: string, now: number): Promise<void> {
  await db
    .update(dataExports)
    .set({ status: "failed", errorMessage: message, finishedAt: now })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, [...IN_FLIGHT])));
}
