import type { ModelDef } from "../../shared/models";
import { completeJob } from "./complete";
import type { GenerationDeps } from "./deps";
import type { JobRow } from "./jobs-store";
import { OutputError, storeOutputs } from "./outputs";
import { afterFailure, POLL_CAP_SECONDS, pollDelaySeconds } from "./policy";
import { provenanceFor } from "./provenance";
import type { EnabledProvider } from "./providers/registry";
import type { ProviderFailure, ProviderResult } from "./providers/types";
import { announce, failJob } from "./settlement";
import { markPending, requeue } from "./transitions";

/** Polls that fail in a row (the status call itself, not the job) before the attempt counts as failed. */
export const MAX_POLL_FAILURES = 3;

/** Where a provider result came from, which decides what "try again" means. */
export interface ResultContext {
  /** `submit`: this attempt's one call; `poll`: a status check; `webhook`: the provider called us. */
  via: "submit" | "poll" | "webhook";
  /** The poll number this result answers (0 for submit). */
  poll: number;
  /** Status checks that failed in a row before this one. */
  pollFailures: number;
  /** Provider time of this attempt so far. */
  providerMs: number;
}

/** The provider's model name, with the exact version when it reported one. */
function providerModelOf(model: ModelDef, version?: string): string | undefined {
  return version ? `${model.providerModel}@${version}` : undefined;
}

/** Acts on what the provider said for the job's current attempt (the attempt is already claimed). */
export async function handleResult(
  deps: GenerationDeps,
  job: JobRow,
  model: ModelDef,
  entry: EnabledProvider,
  result: ProviderResult,
  ctx: ResultContext,
): Promise<void> {
  if (result.state === "failed") return handleFailure(deps, job, entry, result.error, ctx);
  if (result.state === "pending") {
    const updated = await markPending(deps.db, job, {
      providerJobId: result.providerJobId,
      queuePosition: result.queuePosition,
      providerModel: providerModelOf(model, result.modelVersion),
    });
    if (!updated) return;
    if (updated.providerJobId !== job.providerJobId || updated.queuePosition !== job.queuePosition) await announce(deps, updated);
    // A webhook saying "still working" must not start a second polling chain beside the one running.
    if (ctx.via !== "webhook") await schedulePoll(deps, updated, entry, ctx.poll + 1, 0, result.checkAgainSeconds);
    return;
  }
  let stored: Awaited<ReturnType<typeof storeOutputs>>;
  try {
    stored = await storeOutputs(deps.bucket, job, result.outputs, provenanceFor(deps, job));
  } catch (error) {
    const output = error instanceof OutputError ? error : new OutputError(true, "The result could not be saved.");
    const code = output.retryable ? "storage_error" : "bad_output";
    return handleFailure(deps, job, entry, { retryable: output.retryable, code, message: output.message }, { ...ctx, via: "submit" });
  }
  await completeJob(deps, job, stored, { providerMs: ctx.providerMs, providerModel: providerModelOf(model, result.modelVersion) });
}

async function schedulePoll(
  deps: GenerationDeps,
  job: JobRow,
  entry: EnabledProvider,
  poll: number,
  pollFailures: number,
  hintSeconds?: number,
): Promise<void> {
  const delay =
    hintSeconds !== undefined
      ? Math.min(POLL_CAP_SECONDS, Math.max(0, Math.ceil(hintSeconds)))
      : pollDelaySeconds(poll, entry.webhooks, deps.random);
  await deps.enqueue({ type: "poll", jobId: job.id, attempt: job.attempts, poll, pollFailures }, delay);
}

/**
 * A failed status check of a running provider job is checked again (a few times); any other
 * transient failure starts a new attempt after a backoff while attempts and time remain;
 * everything else fails the job now, which releases its hold.
 */
async function handleFailure(
  deps: GenerationDeps,
  job: JobRow,
  entry: EnabledProvider,
  failure: ProviderFailure,
  ctx: ResultContext,
): Promise<void> {
  const now = deps.now();
  if (ctx.via === "poll" && failure.retryable && ctx.pollFailures + 1 < MAX_POLL_FAILURES && now < job.deadlineAt) {
    return schedulePoll(deps, job, entry, ctx.poll + 1, ctx.pollFailures + 1);
  }
  const verdict = afterFailure(failure, job.attempts, now, job.deadlineAt, deps.random);
  if (verdict.action === "retry") {
    // Enqueue first: if the requeue write is lost, the next attempt still finds the job in flight.
    await deps.enqueue({ type: "start", jobId: job.id, attempt: job.attempts + 1 }, verdict.delaySeconds);
    const requeued = await requeue(deps.db, job, ctx.providerMs);
    if (requeued) await announce(deps, requeued);
    return;
  }
  await failJob(
    deps,
    job.id,
    { attempt: job.attempts, statuses: ["running"] },
    { code: failure.code, message: failure.message },
    ctx.providerMs,
  );
}
