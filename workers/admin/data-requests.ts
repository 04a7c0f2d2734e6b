import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CreateDataRequest, UpdateDataRequest } from "../../shared/data-requests";
import { findUserByEmail, findUserById } from "../auth/users";
import type { Database } from "../db/client";
import { dataRequests } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { type DataRequestRow, dueAfter, findDataRequest } from "./data-requests-store";

const invalid = (path: string, message: string) => new AppError("validation_failed", message, { issues: [{ path, message }] });

/** The row a staff member records for a request that arrived by email, linked to its account when one is found. */
export async function newDataRequest(db: Database, body: CreateDataRequest, now: number): Promise<DataRequestRow> {
  const receivedAt = Date.parse(`${body.receivedOn}T00:00:00Z`);
  if (receivedAt > now) throw invalid("receivedOn", "That day has not come yet.");
  let userId: string | null = null;
  if (body.userId) {
    if (!(await findUserById(db, body.userId))) throw invalid("userId", "There is no account with that id.");
    userId = body.userId;
  } else {
    userId = (await findUserByEmail(db, body.requesterEmail))?.id ?? null;
  }
  return {
    id: newId(now),
    kind: body.kind,
    source: "email",
    requesterEmail: body.requesterEmail,
    userId,
    receivedAt,
    dueAt: dueAfter(receivedAt),
    status: "open",
    notes: body.notes,
    outcome: null,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The row after a staff change: closing needs an outcome (given now or recorded before); reopening clears the closing time. */
export function changedDataRequest(row: DataRequestRow, body: UpdateDataRequest, now: number): DataRequestRow {
  const status = body.status ?? row.status;
  const outcome = body.outcome ?? row.outcome;
  if (status === "closed" && !outcome) throw invalid("outcome", "Say what was done before closing the request.");
  const closedAt = status === "closed" ? (row.status === "closed" ? row.closedAt : now) : null;
  return { ...row, notes: body.notes ?? row.notes, status, outcome, closedAt, updatedAt: now };
}

/** A request by id, or 404. */
export async function mustFindDataRequest(db: Database, id: string): Promise<DataRequestRow> {
  const row = await findDataRequest(db, id);
  if (!row) throw new AppError("not_found", "There is no such data request.");
  return row;
}

export function insertDataRequest(db: Database, row: DataRequestRow): BatchItem<"sqlite"> {
  return db.insert(dataRequests).values(row);
}

export function saveDataRequest(db: Database, row: DataRequestRow): BatchItem<"sqlite"> {
  const { notes, status, outcome, closedAt, updatedAt } = row;
  return db.update(dataRequests).set({ notes, status, outcome, closedAt, updatedAt }).where(eq(dataRequests.id, row.id));
}
