import { asc, eq } from "drizzle-orm";
import { productEmails } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";

/** Notifications' part of a person's data: the product emails sent to them, exported and deleted with the account. */
export const notificationsAccountData: AccountDataContribution = {
  capability: "notifications",
  tables: ["product_emails"],
  exportSections: async (db, userId) => ({
    productEmails: await db
      .select({ kind: productEmails.kind, reference: productEmails.reference, sentAt: productEmails.sentAt })
      .from(productEmails)
      .where(eq(productEmails.userId, userId))
      .orderBy(asc(productEmails.sentAt))
      .all(),
  }),
  purge: (ctx) => deleteInChunks(ctx, productEmails, eq(productEmails.userId, ctx.userId)),
};
