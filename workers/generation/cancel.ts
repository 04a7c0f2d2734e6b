import { TERMINAL_STATUSES } from "../../shared/generation";
import { findModel } from "../../shared/models";
import { AppError } from "../lib/errors";
import type { GenerationDeps } from "./deps";
import { findJob, type JobRow } from "./jobs-store";
import { providerRequest } from "./provider-request";
import { conclude, type Reason } from "./settlement";
import { endJob } from "./transitions";

const CANCELED: Reason = { code: "canceled", message: "Canceled." };

/** Asks an asynchronous provider to drop the attempt it is running; false when it cannot or says no. */
export async function cancelAtProvider(deps: GenerationDeps, job: JobRow): Promise<boolean> {
  const entry = deps.providers.get(job.provider);
  const model = findModel(job.model);
  if (!entry || !model || !job.providerJobId) return false;
  try {
    return await entry.provider.cancel(job.providerJobId, await providerRequest(deps, job, model, { webhooks: false }));
  } catch {
    return false;
  }
}

/**
 * `POST /api/generations/:id/cancel`: a queued job is canceled at once; a running one only when
 * its provider agrees to drop it. Either way the hold is released. Anything else is 409.
 */
export async function cancelJob(deps: GenerationDeps, userId: string, jobId: string): Promise<JobRow> {
  const job = await findJob(deps.db, userId, jobId);
  if (!job) throw new AppError("not_found", "There is no such generation.");
  const cancelable = job.status === "queued" || (job.status === "running" && (await cancelAtProvider(deps, job)));
  if (cancelable) {
    const expect = { attempt: job.attempts, statuses: [job.status] };
    const row = await endJob(deps.db, job.id, expect, { status: "canceled", ...CANCELED, now: deps.now() });
    if (row) {
      await conclude(deps, row);
      return row;
    }
  }
  const current = (await findJob(deps.db, userId, jobId)) ?? job;
  throw new AppError(
    "invalid_state",
    TERMINAL_STATUSES.includes(current.status)
      ? "This generation has already finished."
      : "This generation is already running and can no longer be canceled.",
  );
}
