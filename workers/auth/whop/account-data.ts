import { eq } from "drizzle-orm";
import { linkedIdentities } from "../../db/schema";
import type { AccountDataContribution } from "../../privacy/contract";
import { deleteAllInChunks } from "../../privacy/purge-rows";

/** Sign in with Whop's part of a person's data: the Whop account they connected (its user id and address at the time), exported and purged. */
export const whopSignInAccountData: AccountDataContribution = {
  capability: "auth/whop",
  tables: ["linked_identities"],
  exportSections: async (db, userId) => {
    const { provider, subject, email, linkedAt } = linkedIdentities;
    const rows = await db
      .select({ provider, subject, email, linkedAt })
      .from(linkedIdentities)
      .where(eq(linkedIdentities.userId, userId))
      .all();
    return { linkedIdentities: rows };
  },
  purge: (ctx) => deleteAllInChunks(ctx, [[linkedIdentities, eq(linkedIdentities.userId, ctx.userId)]]),
};
