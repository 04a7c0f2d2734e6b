import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { consents, dataExports } from "../db/schema";
import { consentHistory } from "./consents";
import type { AccountDataContribution } from "./contract";
import { exportPrefix } from "./keys";
import { deleteAllInChunks, deletePrefix } from "./purge-rows";

function readExports(db: Database, userId: string) {
  const { id, status, createdAt, finishedAt } = dataExports;
  return db
    .select({ id, status, createdAt, finishedAt })
    .from(dataExports)
    .where(eq(dataExports.userId, userId))
    .orderBy(asc(createdAt))
    .all();
}

/** Privacy's own part of a person's data: their consent history and data exports (rows and archives). */
export const privacyAccountData: AccountDataContribution = {
  capability: "privacy",
  tables: ["consents", "exports"],
  exportSections: async (db, userId) => {
    const [consentRows, exportRows] = await Promise.all([consentHistory(db, userId, "oldest"), readExports(db, userId)]);
    return { consents: consentRows, exports: exportRows };
  },
  purge: async (ctx) =>
    (await deletePrefix(ctx, exportPrefix(ctx.userId))) &&
    deleteAllInChunks(ctx, [
      [consents, eq(consents.userId, ctx.userId)],
      [dataExports, eq(dataExports.userId, ctx.userId)],
    ]),
};
