import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { POLICY_VERSION } from "../../shared/policy";
import {
  CONSENT_PURPOSES,
  type ConsentEvent,
  type ConsentPurpose,
  type ConsentState,
  type ConsentsResponse,
  OPTIONAL_PURPOSES,
  type OptionalPurpose,
  PURPOSE_BASIS,
  type UpdateConsentsInput,
} from "../../shared/privacy";
import type { Database } from "../db/client";
import { consents, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { isCurrentAcceptance } from "./policy";

const POLICY_PURPOSES = ["terms", "privacy_policy"] as const;

/** A purpose's default before any record: only the legitimate-interest one is on (until objected to). */
const defaultGranted = (purpose: ConsentPurpose) => PURPOSE_BASIS[purpose] === "legitimate_interest";

/**
 * Whether a purpose may be acted on now: granted (or not objected to) and processing not restricted.
 * Non-essential processing (product emails, usage analysis) must ask this first.
 */
export function effectiveConsent(purpose: ConsentPurpose, granted: boolean, restricted: boolean): boolean {
  return granted && (PURPOSE_BASIS[purpose] === "contract" || !restricted);
}

/**
 * Whether one purpose may be acted on for the person now (`effectiveConsent` over their latest
 * record of it and their restriction), in two indexed reads. False for a deleted or unknown person.
 * Every non-essential processing asks this first: usage events, product emails.
 */
export async function purposeInEffect(db: Database, userId: string, purpose: OptionalPurpose): Promise<boolean> {
  const [user, latest] = await Promise.all([
    db
      .select({ restrictedAt: users.processingRestrictedAt })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .get(),
    db
      .select({ granted: consents.granted })
      .from(consents)
      .where(and(eq(consents.userId, userId), eq(consents.purpose, purpose)))
      .orderBy(desc(consents.createdAt), desc(consents.id))
      .limit(1)
      .get(),
  ]);
  if (!user) return false;
  return effectiveConsent(purpose, latest ? latest.granted : defaultGranted(purpose), user.restrictedAt !== null);
}

/** Whether the person has restricted processing (art. 18); false for a deleted or unknown person (nothing of theirs is processed). */
export async function processingRestricted(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .select({ restrictedAt: users.processingRestrictedAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  return row !== undefined && row.restrictedAt !== null;
}

/** The person's consent history: newest first as the Account page shows it, oldest first as the export lists it. */
export async function consentHistory(db: Database, userId: string, order: "newest" | "oldest"): Promise<ConsentEvent[]> {
  const by = order === "newest" ? desc : asc;
  return db
    .select({ purpose: consents.purpose, granted: consents.granted, policyVersion: consents.policyVersion, createdAt: consents.createdAt })
    .from(consents)
    .where(eq(consents.userId, userId))
    .orderBy(by(consents.createdAt), by(consents.id))
    .all();
}

/** Each purpose's state from the history (latest record wins) and the restriction flag. */
export function consentStates(events: readonly ConsentEvent[], restricted: boolean): ConsentState[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const latest = events.find((event) => event.purpose === purpose);
    const granted = latest ? latest.granted : defaultGranted(purpose);
    return {
      purpose,
      basis: PURPOSE_BASIS[purpose],
      granted,
      effective: effectiveConsent(purpose, granted, restricted),
      changeable: (OPTIONAL_PURPOSES as readonly string[]).includes(purpose),
      policyVersion: latest?.policyVersion ?? null,
      changedAt: latest?.createdAt ?? null,
    };
  });
}

async function restrictedSince(db: Database, userId: string): Promise<number | null> {
  const row = await db
    .select({ since: users.processingRestrictedAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!row) throw new AppError("unauthenticated", "Please sign in.");
  return row.since;
}

/** `GET /api/account/consents`: current state per purpose, the history, restriction and policy acceptance. */
export async function readConsents(db: Database, userId: string): Promise<ConsentsResponse> {
  const [events, since] = await Promise.all([consentHistory(db, userId, "newest"), restrictedSince(db, userId)]);
  const accepted = POLICY_PURPOSES.every((purpose) => isCurrentAcceptance(events.find((event) => event.purpose === purpose)));
  return {
    consents: consentStates(events, since !== null),
    history: events,
    restriction: { restricted: since !== null, since },
    policy: { version: POLICY_VERSION, accepted },
  };
}

const KEEP_POLICIES =
  "The Terms and the Privacy Policy stay accepted while you have an account. To withdraw them, delete your account from your account page.";

/**
 * Records a change for each named optional purpose whose state differs (the history holds changes,
 * not repeats). Takes effect at once: every reader consults the latest record.
 */
export async function updateConsents(db: Database, userId: string, input: UpdateConsentsInput, now: number): Promise<ConsentsResponse> {
  const policyKeys = POLICY_PURPOSES.filter((purpose) => input[purpose] !== undefined);
  if (policyKeys.length > 0) {
    throw new AppError("validation_failed", KEEP_POLICIES, { issues: policyKeys.map((path) => ({ path, message: KEEP_POLICIES })) });
  }
  const current = await readConsents(db, userId);
  const changes = OPTIONAL_PURPOSES.filter((purpose: OptionalPurpose) => {
    const wanted = input[purpose];
    return wanted !== undefined && current.consents.find((state) => state.purpose === purpose)?.granted !== wanted;
  });
  if (changes.length === 0) return current;
  await db.insert(consents).values(
    changes.map((purpose) => ({
      id: newId(now),
      userId,
      purpose,
      policyVersion: POLICY_VERSION,
      granted: input[purpose]!,
      createdAt: now,
    })),
  );
  return readConsents(db, userId);
}

/** Restricts processing (or lifts the restriction) at once; restricting again keeps the original time. */
export async function setRestriction(db: Database, userId: string, restricted: boolean, now: number): Promise<ConsentsResponse> {
  const live = and(eq(users.id, userId), isNull(users.deletedAt));
  if (restricted) {
    await db
      .update(users)
      .set({ processingRestrictedAt: now })
      .where(and(live, isNull(users.processingRestrictedAt)));
  } else {
    await db.update(users).set({ processingRestrictedAt: null }).where(live);
  }
  return readConsents(db, userId);
}
