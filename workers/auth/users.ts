import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { UserView } from "../../shared/auth";
import type { Database } from "../db/client";
import { emailTokens, users } from "../db/schema";
import { AppError } from "../lib/errors";

export type UserRow = typeof users.$inferSelect;

/** Emails are compared and stored trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A live (not deleted) user by email. */
export function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)))
    .get();
}

/** Whether any account row holds `email`, a deleted one not yet purged too (the unique index covers every row). */
export async function addressInUse(db: Database, email: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  return row !== undefined;
}

/** A live user by id. */
export function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)))
    .get();
}

/** The signed-in user's row; 401 `unauthenticated` when the account no longer exists. */
export async function mustFindUser(db: Database, id: string): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw new AppError("unauthenticated", "Please sign in.");
  return user;
}

/** The address of the newest usable verification link, when it is not the current email (a change in progress). */
export async function pendingEmailOf(db: Database, user: UserRow, now: number): Promise<string | null> {
  const row = await db
    .select({ email: emailTokens.email })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, user.id),
        eq(emailTokens.purpose, "verify_email"),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .orderBy(desc(emailTokens.createdAt))
    .get();
  return row && row.email !== user.email ? row.email : null;
}

/** The API's view of a user. */
export function toUserView(user: UserRow, pendingEmail: string | null): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    pendingEmail,
    referralCode: user.referralCode,
    createdAt: user.createdAt,
  };
}

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

/** An 8-character referral code without look-alike characters (≈ 6.6 × 10^11 codes). */
export function newReferralCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}
