import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { linkedIdentities, users } from "../../db/schema";
import { newId } from "../../lib/ids";
import type { UserRow } from "../users";

export type LinkedIdentityRow = typeof linkedIdentities.$inferSelect;

/** The live account a Whop user id is linked to. */
export async function userOfWhopSubject(db: Database, subject: string): Promise<UserRow | undefined> {
  const row = await db
    .select({ user: users })
    .from(linkedIdentities)
    .innerJoin(users, eq(users.id, linkedIdentities.userId))
    .where(and(eq(linkedIdentities.provider, "whop"), eq(linkedIdentities.subject, subject)))
    .get();
  return row && row.user.deletedAt === null ? row.user : undefined;
}

/** The person's Whop link, if any. */
export function whopIdentityOf(db: Database, userId: string): Promise<LinkedIdentityRow | undefined> {
  return db
    .select()
    .from(linkedIdentities)
    .where(and(eq(linkedIdentities.userId, userId), eq(linkedIdentities.provider, "whop")))
    .get();
}

/** The insert of a link; the unique indexes refuse a Whop account linked elsewhere and a second Whop account here. */
export function insertWhopIdentity(db: Database, input: { userId: string; subject: string; email: string | null; now: number }) {
  return db.insert(linkedIdentities).values({
    id: newId(input.now),
    userId: input.userId,
    provider: "whop",
    subject: input.subject,
    email: input.email,
    linkedAt: input.now,
  });
}

/** Removes the person's Whop link; true when there was one. */
export async function deleteWhopIdentity(db: Database, userId: string): Promise<boolean> {
  const removed = await db
    .delete(linkedIdentities)
    .where(and(eq(linkedIdentities.userId, userId), eq(linkedIdentities.provider, "whop")))
    .returning({ id: linkedIdentities.id });
  return removed.length > 0;
}
