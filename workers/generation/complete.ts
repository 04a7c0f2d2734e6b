import { newId } from "../lib/ids";
import { deleteMediaObjects } from "../media/storage";
import type { MediaRow } from "../media/views";
import type { GenerationDeps } from "./deps";
import { toJobView } from "./job-view";
import { jobById, type JobRow } from "./jobs-store";
import type { StoredOutput } from "./outputs";
import { publishView, settle } from "./settlement";
import { succeedStatement } from "./transitions";

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
function insertMedia(d1: D1Database, row: MediaRow, attempt: number): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO media (id, user_id, job_id, position, kind, r2_key, content_type, bytes, width, height,
         duration_ms, thumbnail_key, favorite, prompt, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14
       WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?3 AND status = 'succeeded' AND attempts = ?15)
         AND NOT EXISTS (SELECT 1 FROM media WHERE job_id = ?3 AND position = ?4)`,
    )
    .bind(
      row.id,
      row.userId,
      row.jobId,
      row.position,
      row.kind,
      row.r2Key,
      row.contentType,
      row.bytes,
      row.width,
      row.height,
      row.durationMs,
      row.thumbnailKey,
      row.prompt,
      row.createdAt,
      attempt,
    );
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
  const media = stored.map((output) => mediaRow(job, output, now));
  const [updated] = await deps.d1.batch([
    succeedStatement(deps.d1, job, { now, ...update }),
    ...media.map((row) => insertMedia(deps.d1, row, job.attempts)),
  ]);
  if ((updated?.results.length ?? 0) === 1) {
    // Won: the row and its media are exactly what this batch wrote, so no read-back is needed.
    const row: JobRow = {
      ...job,
      status: "succeeded",
      finishedAt: now,
      queuePosition: null,
      providerMs: (job.providerMs ?? 0) + Math.max(0, Math.round(update.providerMs)),
      providerModel: update.providerModel ?? job.providerModel,
    };
    await Promise.all([settle(deps, row), publishView(deps, row.userId, toJobView(row, { media, released: false }))]);
    if (media.some((m) => m.kind === "image" && m.thumbnailKey === null)) await requestThumbnails(deps, row.id);
    return true;
  }
  const current = await jobById(deps.db, job.id);
  if (current?.status === "succeeded") await settle(deps, current);
  else await deleteMediaObjects({ MEDIA: deps.bucket }, stored);
  return false;
}
