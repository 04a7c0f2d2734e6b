import { thumbnailJobImages } from "../media/job-thumbnails";
import type { GenerationDeps } from "./deps";
import { jobById } from "./jobs-store";
import { provenanceFor } from "./provenance";
import { announce } from "./settlement";

/**
 * `thumbnails` message: has media make the gallery thumbnails of a succeeded job's images
 * (decoding a full image costs ~50–100 ms of CPU, which is why it is not done before the job is
 * announced), then announces the job again so open pages pick the thumbnails up.
 */
export async function makeJobThumbnails(deps: GenerationDeps, jobId: string): Promise<void> {
  const job = await jobById(deps.db, jobId);
  if (job?.status !== "succeeded") return;
  const made = await thumbnailJobImages(deps.db, deps.bucket, job, provenanceFor(deps, job));
  if (made > 0) await announce(deps, job);
}
