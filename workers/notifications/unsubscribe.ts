import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { updateConsents } from "../privacy/consents";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * Withdraws the `product_emails` consent of the person a link names, without a sign-in: recorded
 * in the consent history like the switch on the privacy page. Using a link again changes nothing;
 * a deleted account has nothing left to stop.
 */
export async function unsubscribe(db: Database, secret: string, token: string, now: number): Promise<void> {
  const userId = await verifyUnsubscribeToken(secret, token);
  if (!userId)
    throw new AppError("invalid_token", "This unsubscribe link is not valid. Switch product emails off on your privacy page instead.");
  const live = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!live) return;
  await updateConsents(db, userId, { product_emails: false }, now);
}
