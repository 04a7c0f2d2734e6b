import { findUserById, type UserRow } from "../auth/users";
import type { Database } from "../db/client";
import { AppError } from "../lib/errors";

/** The live account a staff action names, or 404. */
export async function guardedUser(db: Database, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found", "There is no such user.");
  return user;
}
