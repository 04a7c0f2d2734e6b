import { and, asc, eq, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DataRequestKind } from "../../shared/data-request-kinds";
import { DATA_REQUEST_DUE_DAYS, type DataRequestView } from "../../shared/data-requests";
import type { Database } from "../db/client";
import { dataRequests, users } from "../db/schema";
import { newId } from "../lib/ids";

const DAY_MS = 24 * 60 * 60 * 1000;

export type DataRequestRow = typeof dataRequests.$inferSelect;

/** When a request received at `receivedAt` must be answered by (policy §7.2). */
export const dueAfter = (receivedAt: number) => receivedAt + DATA_REQUEST_DUE_DAYS * DAY_MS;

/** A row as staff read it, with `overdue` worked out at `now`. */
export function toDataRequestView(row: DataRequestRow, now: number): DataRequestView {
  const { id, kind, source, requesterEmail, userId, receivedAt, dueAt, status, notes, outcome, closedAt } = row;
  return {
    id,
    kind,
    source,
    requesterEmail,
    userId,
    receivedAt,
    dueAt,
    status,
    overdue: status === "open" && now > dueAt,
    notes,
    outcome,
    closedAt,
  };
}

/** Requests by due date (soonest first), open ones only unless asked otherwise. */
export function listDataRequests(db: Database, status: "open" | "closed" | "all", limit = 500): Promise<DataRequestRow[]> {
  return db
    .select()
    .from(dataRequests)
    .where(status === "all" ? undefined : eq(dataRequests.status, status))
    .orderBy(asc(dataRequests.dueAt), asc(dataRequests.id))
    .limit(limit)
    .all();
}

export function findDataRequest(db: Database, id: string): Promise<DataRequestRow | undefined> {
  return db.select().from(dataRequests).where(eq(dataRequests.id, id)).get();
}

/**
 * The record of a self-serve export or deletion: already fulfilled when the person asked, so it is
 * written closed, with no address (the account is known). For the caller's own batch.
 */
export function selfServeRequest(db: Database, userId: string, kind: DataRequestKind, outcome: string, now: number) {
  return db.insert(dataRequests).values({
    id: newId(now),
    kind,
    source: "self_serve",
    requesterEmail: null,
    userId,
    receivedAt: now,
    dueAt: dueAfter(now),
    status: "closed",
    outcome,
    closedAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Erasure keeps the requests (the proof they were answered) but not the person: rows linked to
 * them, or sent from their address, get one pseudonym and lose the address. Runs in the purge's
 * last batch, before auth deletes the user row the address is read from.
 */
export function pseudonymiseDataRequests(db: Database, userId: string): BatchItem<"sqlite"> {
  const pseudonym = `erased:${newId()}`;
  const theirEmail = sql`(SELECT ${users.email} FROM ${users} WHERE ${users.id} = ${userId})`;
  return db
    .update(dataRequests)
    .set({ userId: pseudonym, requesterEmail: null })
    .where(
      or(
        eq(dataRequests.userId, userId),
        and(sql`${dataRequests.requesterEmail} IS NOT NULL`, eq(dataRequests.requesterEmail, theirEmail)),
      ),
    );
}

/** The person's own requests, for their data export. */
export function dataRequestsOf(db: Database, userId: string) {
  const { kind, source, receivedAt, dueAt, status, outcome, closedAt } = dataRequests;
  return db
    .select({ kind, source, receivedAt, dueAt, status, outcome, closedAt })
    .from(dataRequests)
    .where(eq(dataRequests.userId, userId))
    .orderBy(asc(receivedAt))
    .all();
}
