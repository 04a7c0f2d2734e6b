import { and, eq, isNull, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Role } from "../../shared/admin-users";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { revokeAllSessionsQuery } from "./sessions";

/**
 * Staff changes to an account (the console's actions). The rules are checked first (clear 4xx
 * answers); then the change, the end of the person's sessions and the caller's audit row are one
 * D1 batch, so a change is never without its record. Each returns the sessions it ended, whose
 * live connections the caller closes.
 */
type Audit = BatchItem<"sqlite">;

/** What the rules need to know about the person acted on. */
export interface Target {
  id: string;
  role: Role;
  suspendedAt: number | null;
}

/** Whether an active (not deleted, not suspended) admin other than `userId` exists (on `users_role_idx`). */
export async function anotherActiveAdmin(db: Database, userId: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deletedAt), isNull(users.suspendedAt), ne(users.id, userId)))
    .limit(1)
    .get();
  return row !== undefined;
}

const lastAdmin = () => new AppError("last_admin", "This is the only active admin. Make someone else an admin first.");

/**
 * Why suspending `target` is refused, or null: never yourself, staff only by an admin, never twice,
 * never the last active admin.
 */
export function suspensionRefusal(target: Target, actor: { id: string; role: Role }, otherAdmin: boolean): AppError | null {
  if (target.id === actor.id) return new AppError("invalid_state", "You cannot suspend your own account.");
  if (target.role !== "user" && actor.role !== "admin") return new AppError("forbidden", "Only an admin can suspend a staff member.");
  if (target.suspendedAt !== null) return new AppError("invalid_state", "This account is already suspended.");
  if (target.role === "admin" && !otherAdmin) return lastAdmin();
  return null;
}

/** Why giving `target` the role `role` is refused, or null: it must change, and the last active admin stays one. */
export function roleChangeRefusal(target: Target, role: Role, otherAdmin: boolean): AppError | null {
  if (target.role === role) return new AppError("invalid_state", `This person is already ${role === "admin" ? "an" : "a"} ${role}.`);
  if (target.role === "admin" && target.suspendedAt === null && !otherAdmin) return lastAdmin();
  return null;
}

const liveUser = (userId: string) => and(eq(users.id, userId), isNull(users.deletedAt));

/** Ends every session of the person. */
export async function revokeSessionsByStaff(db: Database, userId: string, now: number, audit: Audit): Promise<string[]> {
  const [ended] = await db.batch([revokeAllSessionsQuery(db, userId, "revoked_by_staff", now), audit]);
  return ended.map((row) => row.id);
}

/** Suspends the person (checked with `suspensionRefusal` first) and ends their sessions. */
export async function suspendUser(db: Database, userId: string, now: number, audit: Audit): Promise<string[]> {
  const [, ended] = await db.batch([
    db.update(users).set({ suspendedAt: now }).where(liveUser(userId)),
    revokeAllSessionsQuery(db, userId, "suspended", now),
    audit,
  ]);
  return ended.map((row) => row.id);
}

/** Lifts a suspension; refused `invalid_state` when the person is not suspended. */
export async function unsuspendUser(db: Database, target: Target, audit: Audit): Promise<void> {
  if (target.suspendedAt === null) throw new AppError("invalid_state", "This account is not suspended.");
  await db.batch([db.update(users).set({ suspendedAt: null }).where(liveUser(target.id)), audit]);
}

/** Gives the person `role` (checked with `roleChangeRefusal` first) and ends their sessions: the next sign-in has the new role's rules. */
export async function changeRole(db: Database, userId: string, role: Role, now: number, audit: Audit): Promise<string[]> {
  const [, ended] = await db.batch([
    db.update(users).set({ role }).where(liveUser(userId)),
    revokeAllSessionsQuery(db, userId, "role_changed", now),
    audit,
  ]);
  return ended.map((row) => row.id);
}
