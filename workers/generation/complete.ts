import { and, eq, exists } from "drizzle-orm";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { newId } from "../lib/ids";
import { discardObjects, insertOutputRowIf } from "../media/ingest";
import type { MediaRow } from "../media/views";
import type { GenerationDeps } from "./deps";
import { toJobView } from "./job-view";
import { type JobRow, jobById } from "./jobs-store";
import type { StoredOutput } from "./outputs";
import { publishView, settle } from "./settlement";
import { succeedJob } from "./transitions";

/** The media row an output becomes. */
function mediaRow(job: JobRow, output: StoredOutput, now: number): MediaRow {
  return {
    id: newId(now),
    userId: job.userId,
    jobId: job.id,
    position: output.position,
    kind: output.kind,
    r2Key: output.r2Key,
    contentType: output.contentType,
    bytes: output.bytes,
    width: output.width,
    height: output.height,
    durationMs: output.durationMs,
    thumbnailKey: output.thumbnailKey,
    favorite: false,
    prompt: job.prompt,
    createdAt: now,
  };
}

/**
 * Inserts a media row only if the job is now succeeded in this attempt and no finisher has
 * written this position yet: a racing finisher of the same attempt adds nothing.
 */
function insertMedia(db: Database, row: MediaRow, job: Pick<JobRow, "id" | "attempts">) {
  const succeededInThisAttempt = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "succeeded"), eq(jobs.attempts, job.attempts)));
  return insertOutputRowIf(db, { ...row, jobId: job.id }, exists(succeededInThisAttempt));
}

/** Asks for the images' thumbnails; without them the gallery shows the originals, so a failure is only logged. */
async function requestThumbnails(deps: GenerationDeps, jobId: string): Promise<void> {
  try {
    await deps.enqueue({ type: "thumbnails", jobId });
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", event: "thumbnails_not_queued", jobId, error: String(error) }));
  }
}

/**
 * Marks the attempt succeeded and inserts its media rows in one D1 batch (a transaction), then
 * captures the hold while telling the user (a success's view does not depend on the capture).
 * If the job moved on meanwhile (canceled, timed out, or a racing finisher of the same attempt
 * won), nothing is written twice: the objects this call stored are removed unless the job did
 * succeed (the winner's rows point at the same keys).
 */
export async function completeJob(
  deps: GenerationDeps,
  job: JobRow,
  stored: StoredOutput[],
  update: { providerMs: number; providerModel?: string },
): Promise<boolean> {
  const now = deps.now();
  const rows = stored.map((output) => mediaRow(job, output, now));
  const [updated] = await deps.db.batch([
    succeedJob(deps.db, job, { now, ...update }),
    ...rows.map((row) => insertMedia(deps.db, row, job)),
  ]);
  if (updated.length === 1) {
    // Won: the row and its media are exactly what this batch wrote, so no read-back is needed.
    const row: JobRow = {
      ...job,
      status: "succeeded",
      finishedAt: now,
      queuePosition: null,
      providerMs: (job.providerMs ?? 0) + Math.max(0, Math.round(update.providerMs)),
      providerModel: update.providerModel ?? job.providerModel,
    };
    await Promise.all([settle(deps, row), publishView(deps, row.userId, toJobView(row, { media: rows, released: false }))]);
    if (rows.some((m) => m.kind === "image" && m.thumbnailKey === null)) await requestThumbnails(deps, row.id);
    return true;
  }
  const current = await jobById(deps.db, job.id);
  if (current?.status === "succeeded") await settle(deps, current);
  else await discardObjects(deps.bucket, stored);
  return false;
}
