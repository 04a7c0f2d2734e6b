import { asc, eq, inArray, or } from "drizzle-orm";
import { readBalance } from "../credits/balance";
import type { Database } from "../db/client";
import {
  creditLedger,
  dataExports,
  jobs,
  media,
  paymentReversals,
  payments,
  referralRewards,
  sessions,
  shareLinks,
  subscriptions,
  users,
} from "../db/schema";
import { consentHistory } from "./consents";

/** Bumped when a section's shape changes incompatibly; the schema is documented in docs/privacy.md. */
export const EXPORT_FORMAT_VERSION = 1;

/*
 * One reader per section of `ausar-export.json`. Each filters by the user id; other people's ids
 * never appear (a referral says only which side the person was on).
 */

async function readProfile(db: Database, userId: string) {
  const row = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      ageConfirmedAt: users.ageConfirmedAt,
      referralCode: users.referralCode,
      referredBy: users.referredBy,
      processingRestrictedAt: users.processingRestrictedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  const { referredBy, ...profile } = row;
  return { ...profile, referred: referredBy !== null };
}

/** Sign-ins: only the browser and operating system were ever kept. */
function readSessions(db: Database, userId: string) {
  const { id, browser, os, createdAt, lastUsedAt, expiresAt, revokedAt, revokeReason } = sessions;
  return db
    .select({ id, browser, os, createdAt, lastUsedAt, expiresAt, revokedAt, revokeReason })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

async function readJobs(db: Database, userId: string) {
  const rows = await db.select().from(jobs).where(eq(jobs.userId, userId)).orderBy(asc(jobs.createdAt), asc(jobs.id)).all();
  return rows.map((job) => ({
    id: job.id,
    model: job.model,
    kind: job.kind,
    prompt: job.prompt,
    params: JSON.parse(job.params) as unknown,
    cost: job.cost,
    status: job.status,
    provider: job.provider,
    providerModel: job.providerModel,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  }));
}

async function readCredits(db: Database, userId: string) {
  const { id, delta, heldDelta, kind, reference, description, balanceAfter, createdAt } = creditLedger;
  const [ledger, balance] = await Promise.all([
    db
      .select({ id, delta, heldDelta, kind, reference, description, balanceAfter, createdAt })
      .from(creditLedger)
      .where(eq(creditLedger.userId, userId))
      .orderBy(asc(createdAt), asc(id))
      .all(),
    readBalance(db.$client, userId),
  ]);
  return { balance, ledger };
}

async function readPayments(db: Database, userId: string) {
  const ownPayments = db.select({ id: payments.id }).from(payments).where(eq(payments.userId, userId));
  const [rows, reversals] = await Promise.all([
    db.select().from(payments).where(eq(payments.userId, userId)).orderBy(asc(payments.paidAt)).all(),
    db.select().from(paymentReversals).where(inArray(paymentReversals.paymentId, ownPayments)).orderBy(asc(paymentReversals.createdAt)).all(),
  ]);
  return rows.map((p) => ({
    id: p.id,
    planId: p.planId,
    credits: p.credits,
    amountMinor: p.amountMinor,
    currency: p.currency,
    status: p.status,
    refundedMinor: p.refundedMinor,
    whopUserId: p.whopUserId,
    membershipId: p.membershipId,
    paidAt: p.paidAt,
    reversals: reversals
      .filter((r) => r.paymentId === p.id)
      .map((r) => ({ id: r.id, kind: r.kind, amountMinor: r.amountMinor, status: r.status, createdAt: r.createdAt })),
  }));
}

function readSubscriptions(db: Database, userId: string) {
  const { membershipId, planId, status, cancelAtPeriodEnd, renewalPeriodEnd, createdAt, updatedAt } = subscriptions;
  return db
    .select({ membershipId, planId, status, cancelAtPeriodEnd, renewalPeriodEnd, createdAt, updatedAt })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

async function readReferrals(db: Database, userId: string) {
  const rows = await db
    .select()
    .from(referralRewards)
    .where(or(eq(referralRewards.referredUserId, userId), eq(referralRewards.referrerId, userId)))
    .orderBy(asc(referralRewards.createdAt))
    .all();
  return rows.map((r) => {
    const referred = r.referredUserId === userId;
    return { role: referred ? "referred" : "referrer", credits: referred ? r.referredCredits : r.referrerCredits, status: r.status, createdAt: r.createdAt };
  });
}

/** A gallery item as the JSON lists it; `file` (its path inside the ZIP) is filled in as the archive is written. */
function mediaItem(m: typeof media.$inferSelect) {
  return {
    id: m.id,
    kind: m.kind,
    jobId: m.jobId,
    contentType: m.contentType,
    bytes: m.bytes,
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    prompt: m.prompt,
    favorite: m.favorite,
    createdAt: m.createdAt,
    file: null as string | null,
  };
}

/** An R2 object to copy into the archive, beside the item it belongs to. */
export interface ExportObject {
  mediaId: string;
  r2Key: string;
  contentType: string;
  createdAt: number;
}

function readShareLinks(db: Database, userId: string) {
  const { id, mediaId, expiresAt, revokedAt, createdAt } = shareLinks;
  return db.select({ id, mediaId, expiresAt, revokedAt, createdAt }).from(shareLinks).where(eq(shareLinks.userId, userId)).orderBy(asc(createdAt)).all();
}

function readExports(db: Database, userId: string) {
  const { id, status, createdAt, finishedAt } = dataExports;
  return db.select({ id, status, createdAt, finishedAt }).from(dataExports).where(eq(dataExports.userId, userId)).orderBy(asc(createdAt)).all();
}

/**
 * Everything held about the person, one section per kind of data (see docs/privacy.md), and the
 * media objects to put beside it.
 */
export async function collectAccountData(db: Database, userId: string) {
  const [profile, consentRows, sessionRows, jobRows, credits, paymentRows, subscriptionRows, referrals, mediaRows, shares, exportRows] =
    await Promise.all([
      readProfile(db, userId),
      consentHistory(db, userId, "oldest"),
      readSessions(db, userId),
      readJobs(db, userId),
      readCredits(db, userId),
      readPayments(db, userId),
      readSubscriptions(db, userId),
      readReferrals(db, userId),
      db.select().from(media).where(eq(media.userId, userId)).orderBy(asc(media.createdAt), asc(media.id)).all(),
      readShareLinks(db, userId),
      readExports(db, userId),
    ]);
  const document = {
    profile,
    consents: consentRows,
    sessions: sessionRows,
    jobs: jobRows,
    credits,
    payments: paymentRows,
    subscriptions: subscriptionRows,
    referrals,
    media: mediaRows.map(mediaItem),
    shareLinks: shares,
    exports: exportRows,
  };
  const objects: ExportObject[] = mediaRows.map((m) => ({ mediaId: m.id, r2Key: m.r2Key, contentType: m.contentType, createdAt: m.createdAt }));
  return { document, objects };
}

export type AccountData = Awaited<ReturnType<typeof collectAccountData>>["document"];
