import type { Database } from "../../db/client";
import { AppError } from "../../lib/errors";
import { findUserById, type UserRow } from "../users";
import { acceptSecondFactor } from "./codes";
import { verifyLoginTicket } from "./ticket";

const expired = () => new AppError("invalid_token", "This sign-in has expired. Please enter your email and password again.");

/**
 * Sign-in's second step: the ticket the password step gave (five minutes) and a current code or
 * an unused recovery code. The code is single use and rate limited per person, so a ticket alone
 * never signs anyone in; an account suspended or deleted meanwhile is refused like an old ticket.
 */
export async function completeSecondFactor(
  db: Database,
  ticketSecret: string,
  input: { ticket: string; code: string },
  now: number,
): Promise<UserRow> {
  const userId = await verifyLoginTicket(ticketSecret, input.ticket, now);
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user || user.deletedAt !== null || user.suspendedAt !== null) throw expired();
  await acceptSecondFactor(db, user.id, input.code, now);
  return user;
}
