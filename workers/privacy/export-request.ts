import { selfServeRequest } from "../admin/data-requests-store";
import type { Database } from "../db/client";
import { enforceRateLimit } from "../lib/rate-limit";
import { createExport, type ExportRow, markFailed } from "./exports-store";
import { PRIVACY_LIMITS } from "./limits";
import type { EnqueueTask } from "./tasks";

/**
 * `POST /api/account/export`: records the request (one in flight per person, 409 otherwise) and
 * hands it to the tasks queue. A request the queue refused is failed at once, so it does not
 * block the next one. A started export is also recorded as a fulfilled data request.
 */
export async function requestExport(deps: { db: Database; enqueue: EnqueueTask }, userId: string, now: number): Promise<ExportRow> {
  await enforceRateLimit(deps.db.$client, PRIVACY_LIMITS.exportsPerUser, userId, now);
  const row = await createExport(deps.db, userId, now);
  try {
    await deps.enqueue({ type: "export", exportId: row.id });
  } catch (error) {
    await markFailed(deps.db, row.id, "We could not start your export. Please try again.", now);
    throw error;
  }
  // The request's record for staff (P31): fulfilled by itself, the archive is on its way.
  await selfServeRequest(deps.db, userId, "access", "Self-serve export: the archive is built at once and downloadable for 7 days.", now);
  return row;
}
