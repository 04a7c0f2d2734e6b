import { and, eq, isNotNull } from "drizzle-orm";
import type { JobActionResult } from "../../shared/admin-ops";
import type { GenerationRequest } from "../../shared/generation-requests";
import { unsupportedFields } from "../../shared/model-options";
import { findUserById } from "../auth/users";
import { holdIsOpen } from "../credits/holds";
import { jobs } from "../db/schema";
import { availableModel } from "../generation/catalog";
import type { GenerationDeps } from "../generation/deps";
import { settle } from "../generation/settlement";
import { submitGeneration } from "../generation/submit";
import { AppError } from "../lib/errors";

type JobRow = typeof jobs.$inferSelect;

/** The Idempotency-Key of the one retry a job can have: a second retry finds the first and is refused. */
const retryKey = (jobId: string) => `staff-retry:${jobId}`;

const notFound = () => new AppError("not_found", "There is no such job.");

/** The original request, as submit validates it, without the fields its model does not take. */
function requestOf(deps: GenerationDeps, job: JobRow): GenerationRequest {
  const model = availableModel(deps.providers, job.model);
  if (!model) throw new AppError("invalid_state", `The model ${job.model} is not available any more, so the job cannot be retried.`);
  const { params } = job;
  const request: GenerationRequest = {
    model: job.model,
    prompt: job.prompt,
    aspectRatio: params.aspectRatio,
    count: params.count,
    seed: params.seed,
    negativePrompt: params.negativePrompt,
    durationSeconds: params.durationSeconds,
    inputMediaIds: params.inputMediaIds,
  };
  const unsupported = unsupportedFields(model);
  for (const field of Object.keys(unsupported)) delete request[field as keyof GenerationRequest];
  return request;
}

async function jobFor(deps: GenerationDeps, jobId: string): Promise<JobRow> {
  const job = await deps.db.select().from(jobs).where(eq(jobs.id, jobId)).get();
  if (!job) throw notFound();
  return job;
}

/** Finishes a settlement cut short, so the failed job's credits are back before the retry holds new ones. */
async function settled(deps: GenerationDeps, job: JobRow): Promise<void> {
  const open = await deps.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.id, job.id), holdIsOpen(deps.db, jobs.id)))
    .get();
  if (open) await settle(deps, job);
}

/**
 * Retries a failed job through the queue as a new job for the same user and request: its hold
 * is new (the failed job's was released in full), so the person pays once for what they get.
 * Keyed `staff-retry:<job id>`: a second retry of one job is refused, never charged again.
 */
async function retryFailed(deps: GenerationDeps, job: JobRow): Promise<string> {
  const user = await findUserById(deps.db, job.userId);
  if (!user) throw new AppError("invalid_state", "The job's account is deleted.");
  await settled(deps, job);
  const result = await submitGeneration(deps, job.userId, requestOf(deps, job), retryKey(job.id));
  if (result.replayed) throw new AppError("conflict", `This job was already retried as ${result.job.id}.`);
  return result.job.id;
}

/** Clears the dead-letter mark once staff have acted on it. */
async function clearDeadLetter(deps: GenerationDeps, jobId: string): Promise<void> {
  await deps.db
    .update(jobs)
    .set({ deadLetteredAt: null })
    .where(and(eq(jobs.id, jobId), isNotNull(jobs.deadLetteredAt)));
}

/** `POST /api/admin/jobs/:id/retry`: a failed job (dead-lettered or not) goes through the queue again. */
export async function retryJob(deps: GenerationDeps, jobId: string): Promise<JobActionResult & { userId: string }> {
  const job = await jobFor(deps, jobId);
  if (job.status !== "failed") throw new AppError("invalid_state", `Only a failed job can be retried; this one is ${job.status}.`);
  const retryJobId = await retryFailed(deps, job);
  await clearDeadLetter(deps, job.id);
  return { jobId: job.id, userId: job.userId, retryJobId, thumbnailsRequeued: false };
}

/**
 * `POST /api/admin/jobs/:id/requeue`, from the dead-letter list: a failed job is retried as above;
 * a succeeded one (its thumbnails message died) gets its thumbnails message again.
 */
export async function requeueDeadLetter(deps: GenerationDeps, jobId: string): Promise<JobActionResult & { userId: string }> {
  const job = await jobFor(deps, jobId);
  if (job.deadLetteredAt === null) throw new AppError("invalid_state", "This job is not in the dead-letter list.");
  if (job.status === "failed") return retryJob(deps, jobId);
  if (job.status !== "succeeded") {
    throw new AppError("invalid_state", `A ${job.status} job cannot be requeued; the dead-letter consumer has not ended it yet.`);
  }
  await deps.enqueue({ type: "thumbnails", jobId: job.id });
  await clearDeadLetter(deps, job.id);
  return { jobId: job.id, userId: job.userId, retryJobId: null, thumbnailsRequeued: true };
}
