import { and, eq, isNull } from "drizzle-orm";
import type { JobView } from "../../shared/generation";
import type { Database } from "../db/client";
import { productEmails, users } from "../db/schema";
import { composeEmail } from "../lib/email/compose";
import type { EmailSender } from "../lib/email/sender";
import { purposeInEffect } from "../privacy/consents";
import { signUnsubscribeToken } from "./unsubscribe-token";

/** Only a job that took longer than this gets an email: a shorter one is still on the screen that asked for it. */
const JOB_READY_AFTER_MS = 60 * 1000;

export interface ProductEmailDeps {
  db: Database;
  sender: EmailSender;
  /** The site's public origin, for the links. */
  publicUrl: string;
  /** Signs the unsubscribe link (`JWT_SECRET`). */
  secret: string;
  now: () => number;
}

/** The unsubscribe link of a product email: the web page, which asks before it acts (link scanners open links). */
async function unsubscribeLinks(deps: Pick<ProductEmailDeps, "publicUrl" | "secret">, userId: string) {
  const token = await signUnsubscribeToken(deps.secret, userId);
  return {
    page: new URL(`/unsubscribe?token=${token}`, deps.publicUrl).toString(),
    // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here.
    oneClick: new URL(`/api/email/unsubscribe?token=${token}`, deps.publicUrl).toString(),
  };
}

/**
 * "Your video is ready": for a job that succeeded after more than a minute while no tab of the
 * person was open, and only while their `product_emails` consent is in effect (granted, processing
 * not restricted). At most one email per job: the row is claimed before sending. Answers whether it went.
 */
export async function emailJobReady(deps: ProductEmailDeps, userId: string, view: JobView): Promise<boolean> {
  if (view.status !== "succeeded" || view.finishedAt === undefined || view.finishedAt - view.createdAt <= JOB_READY_AFTER_MS) return false;
  if (!(await purposeInEffect(deps.db, userId, "product_emails"))) return false;
  const person = await deps.db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!person) return false;
  const claimed = await deps.db
    .insert(productEmails)
    .values({ kind: "job_ready", reference: view.id, userId, sentAt: deps.now() })
    .onConflictDoNothing()
    .returning({ reference: productEmails.reference })
    .get();
  if (!claimed) return false;
  const what = view.kind === "video" ? "video" : view.params.count === 1 ? "image" : "images";
  const links = await unsubscribeLinks(deps, userId);
  const message = composeEmail(
    person.email,
    userId,
    `Your ${what} ${what === "images" ? "are" : "is"} ready`,
    [
      `Your ${what} from ${view.model} finished and ${what === "images" ? "are" : "is"} in your gallery.`,
      `You get this email because product emails are on. Stop them: ${links.page}`,
    ],
    { url: new URL("/gallery", deps.publicUrl).toString(), label: "Open your gallery" },
  );
  try {
    await deps.sender.send({
      ...message,
      headers: { "List-Unsubscribe": `<${links.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
  } catch (error) {
    // Not sent: free the claim, so a later announcement of the same job may try again.
    await deps.db.delete(productEmails).where(and(eq(productEmails.kind, "job_ready"), eq(productEmails.reference, view.id)));
    throw error;
  }
  return true;
}
