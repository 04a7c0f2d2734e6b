import { eq } from "drizzle-orm";
import { auditLog } from "../db/schema";
import { newId } from "../lib/ids";
import type { AccountDataContribution } from "../privacy/contract";
import { dataRequestsOf, pseudonymiseDataRequests } from "./data-requests-store";

/**
 * The audit log's part of a person's data. Its rows stay (they are the record of what staff did,
 * P22) but lose the person: their id, as the one acted on or as the staff member acting, becomes
 * one random pseudonym, the way their payments keep theirs. The only update the table's triggers allow.
 * Their data requests stay too, as the proof each was answered (P31): linked to a pseudonym of
 * their own, without the requester's address. The export lists the person's requests.
 */
export const adminAccountData: AccountDataContribution = {
  capability: "admin",
  tables: ["audit_log", "data_requests"],
  exportSections: async (db, userId) => ({ dataRequests: await dataRequestsOf(db, userId) }),
  finalStatements: (db, userId) => {
    const pseudonym = `erased:${newId()}`;
    return [
      db.update(auditLog).set({ targetUserId: pseudonym }).where(eq(auditLog.targetUserId, userId)),
      db.update(auditLog).set({ actorId: pseudonym }).where(eq(auditLog.actorId, userId)),
      pseudonymiseDataRequests(db, userId),
    ];
  },
};
