import type { Database } from "../../db/client";
import { AppError } from "../../lib/errors";
import { hasPassword } from "../passwords";
import { mustFindUser } from "../users";
import { deleteWhopIdentity } from "./identities";

/**
 * Disconnects Whop from the account, unless Whop is its only way in (an account made through Whop
 * that never set a password): that is refused until a password is set, so nobody locks themselves out.
 * Sessions stay: they were started legitimately, and the person is right here.
 */
export async function unlinkWhop(db: Database, userId: string): Promise<void> {
  const user = await mustFindUser(db, userId);
  if (!hasPassword(user.passwordHash)) {
    throw new AppError("conflict", "Whop is the only way into this account. Set a password first, then disconnect Whop.");
  }
  if (!(await deleteWhopIdentity(db, userId))) throw new AppError("not_found", "No Whop account is connected.");
}
