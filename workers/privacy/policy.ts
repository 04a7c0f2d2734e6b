import { and, desc, eq } from "drizzle-orm";
import { POLICY_VERSION } from "../../shared/policy";
import type { Database } from "../db/client";
import { consents } from "../db/schema";
import { newId } from "../lib/ids";

type PolicyPurpose = "terms" | "privacy_policy";

/** True when a consent record is the acceptance of the policies' current version. */
export function isCurrentAcceptance(event: { granted: boolean; policyVersion: string } | undefined): boolean {
  return event?.granted === true && event.policyVersion === POLICY_VERSION;
}

function latest(db: Database, userId: string, purpose: PolicyPurpose) {
  return db
    .select({ granted: consents.granted, policyVersion: consents.policyVersion })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.purpose, purpose)))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(1)
    .get();
}

/**
 * Whether the person accepted the current Terms and Privacy Policy. A change of `POLICY_VERSION`
 * (the "Last updated" date) makes this false for everyone until they accept again.
 */
export async function policyAccepted(db: Database, userId: string): Promise<boolean> {
  const [terms, privacy] = await Promise.all([latest(db, userId, "terms"), latest(db, userId, "privacy_policy")]);
  return isCurrentAcceptance(terms) && isCurrentAcceptance(privacy);
}

/** Records the acceptance of both policies at the current version (a repeat records nothing). */
export async function acceptPolicies(db: Database, userId: string, now: number): Promise<void> {
  const purposes: PolicyPurpose[] = [];
  for (const purpose of ["terms", "privacy_policy"] as const) {
    if (!isCurrentAcceptance(await latest(db, userId, purpose))) purposes.push(purpose);
  }
  if (purposes.length === 0) return;
  await db
    .insert(consents)
    .values(purposes.map((purpose) => ({ id: newId(now), userId, purpose, policyVersion: POLICY_VERSION, granted: true, createdAt: now })));
}
