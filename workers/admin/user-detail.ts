import type { StaffUserDetail } from "../../shared/admin-users";
import { type StaffUserRecord, sessionsForStaff, userRecord } from "../auth/staff-view";
import { paymentsOf, subscriptionOf } from "../billing/queries";
import { whopUserIdsOf } from "../billing/staff-view";
import { listLedger } from "../credits/ledger-reader";
import { readStanding } from "../credits/standing";
import type { Database } from "../db/client";
import { jobSummariesOf } from "../generation/staff-view";
import { AppError } from "../lib/errors";
import { readConsents } from "../privacy/consents";
import { threadsForStaff } from "../support/staff-view";

/** Ledger rows per page on the user page. */
export const STAFF_LEDGER_PAGE = 25;
const JOBS_SHOWN = 20;
const PAYMENTS_SHOWN = 20;

/** The person a staff route names, deleted (awaiting purge) ones too, or 404. */
export async function mustFindRecord(db: Database, userId: string): Promise<NonNullable<StaffUserRecord>> {
  const record = await userRecord(db, userId);
  if (!record) throw new AppError("not_found", "There is no such user.");
  return record;
}

/** Everything the user page shows, each part read by the capability that owns it. */
export async function staffUserDetail(db: Database, userId: string, now: number): Promise<StaffUserDetail> {
  const record = await mustFindRecord(db, userId);
  const [standing, ledger, jobs, payments, whopUserIds, subscription, sessions, consents, supportThreads] = await Promise.all([
    readStanding(db, userId),
    listLedger(db.$client, userId, { limit: STAFF_LEDGER_PAGE }),
    jobSummariesOf(db, userId, JOBS_SHOWN),
    paymentsOf(db, userId, { limit: PAYMENTS_SHOWN }),
    whopUserIdsOf(db, userId),
    subscriptionOf(db, userId),
    sessionsForStaff(db, userId, now),
    readConsents(db, userId),
    threadsForStaff(db, userId),
  ]);
  const { flaggedAt, flagReason, ...profile } = record;
  return {
    profile,
    standing: { ...standing, flaggedAt, flagReason },
    ledger,
    jobs,
    payments: payments.items,
    whopUserIds,
    subscription,
    sessions,
    consents,
    supportThreads,
  };
}
