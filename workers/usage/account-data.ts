import { asc, eq } from "drizzle-orm";
import { usageEvents } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteInChunks } from "../privacy/purge-rows";

/**
 * Usage's part of a person's data: every usage event held about them, exported oldest first and
 * deleted with the account. The daily counts name no one and stay.
 */
export const usageAccountData: AccountDataContribution = {
  capability: "usage",
  tables: ["usage_events"],
  exportSections: async (db, userId) => ({
    usageEvents: await db
      .select({ type: usageEvents.type, name: usageEvents.name, createdAt: usageEvents.createdAt })
      .from(usageEvents)
      .where(eq(usageEvents.userId, userId))
      .orderBy(asc(usageEvents.createdAt), asc(usageEvents.id))
      .all(),
  }),
  purge: (ctx) => deleteInChunks(ctx, usageEvents, eq(usageEvents.userId, ctx.userId)),
};
