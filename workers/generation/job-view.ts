import type { JobView } from "../../shared/generation";
import type { ProviderId } from "../../shared/models";
import { releasedHoldJobIds } from "../credits/holds";
import type { Database } from "../db/client";
import { mediaOfJobs } from "../media/gallery";
import { type MediaRow, toMediaView } from "../media/views";
import type { JobRow } from "./jobs-store";

/** What a view needs besides the job row: its media and whether its hold was released. */
interface ViewExtras {
  media: MediaRow[];
  released: boolean;
}

/** The API's view of a job (null columns left out). */
export function toJobView(row: JobRow, extras: ViewExtras): JobView {
  const view: JobView = {
    id: row.id,
    model: row.model,
    kind: row.kind,
    status: row.status,
    cost: row.cost,
    prompt: row.prompt,
    params: row.params,
    media: extras.media.map(toMediaView),
    createdAt: row.createdAt,
    provider: row.provider as ProviderId,
    providerModel: row.providerModel,
    attempts: row.attempts,
  };
  if (row.errorCode !== null) view.error = { code: row.errorCode, message: row.errorMessage ?? "" };
  if (row.startedAt !== null) view.startedAt = row.startedAt;
  if (row.finishedAt !== null) view.finishedAt = row.finishedAt;
  if (row.queuePosition !== null) view.queuePosition = row.queuePosition;
  if (extras.released) view.refunded = row.cost;
  // A success always stores at least one output (storeOutputs refuses none), so no media left means all were deleted.
  if (row.status === "succeeded" && extras.media.length === 0) view.mediaDeleted = true;
  return view;
}

/** Views of several jobs of one user, with their media and refunds read in two queries. */
export async function jobViews(db: Database, userId: string, rows: JobRow[]): Promise<JobView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [mediaRows, releasedIds] = await Promise.all([mediaOfJobs(db, userId, ids), releasedHoldJobIds(db, userId, ids)]);
  return rows.map((row) => toJobView(row, { media: mediaRows.filter((m) => m.jobId === row.id), released: releasedIds.has(row.id) }));
}

/** The view of one job. */
export async function jobView(db: Database, row: JobRow): Promise<JobView> {
  const [view] = await jobViews(db, row.userId, [row]);
  return view!;
}
