import { TERMINAL_STATUSES } from "../../shared/generation";
import { findModel, type ModelDef } from "../../shared/models";
import { randomToken, sha256Hex } from "../lib/crypto";
import { redactSecrets } from "../lib/redact";
import { cancelAtProvider } from "./cancel";
import type { GenerationDeps } from "./deps";
import { IN_FLIGHT, type JobRow, jobById } from "./jobs-store";
import type { GenerationMessage } from "./messages";
import { handleResult } from "./outcome";
import { MissingInputError, providerRequest } from "./provider-request";
import type { EnabledProvider } from "./providers/registry";
import type { ProviderResult } from "./providers/types";
import { announce, failJob, type Reason, settle } from "./settlement";
import { claimPoll, startAttempt } from "./transitions";

export const TIMED_OUT: Reason = { code: "timed_out", message: "This took too long and was stopped." };
const UNAVAILABLE: Reason = { code: "provider_unavailable", message: "This model is not available any more." };

/** Calls the adapter; anything it throws is a transient failure (a bug or the network), never a crash. */
async function callProvider(call: () => Promise<ProviderResult>): Promise<ProviderResult> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MissingInputError) {
      return { state: "failed", error: { retryable: false, code: "input_missing", message: error.message } };
    }
    console.warn(JSON.stringify({ level: "warn", event: "provider_threw", error: redactSecrets(String(error)) }));
    return { state: "failed", error: { retryable: true, code: "provider_error", message: "The provider had a problem generating this." } };
  }
}

/** The job's model and enabled provider, or null when either is gone (the job then fails). */
function resolve(deps: GenerationDeps, job: JobRow): { model: ModelDef; entry: EnabledProvider } | null {
  const model = findModel(job.model);
  const entry = deps.providers.get(job.provider);
  return model && entry && model.provider === job.provider ? { model, entry } : null;
}

/**
 * A message about a job that is already over: its settlement may have been cut short by a crash,
 * so settle again (a no-op when it was done). True when the job is over.
 */
async function settledIfOver(deps: GenerationDeps, job: JobRow): Promise<boolean> {
  if (!TERMINAL_STATUSES.includes(job.status)) return false;
  await settle(deps, job);
  return true;
}

/**
 * `start`: claims attempt n (a compare-and-set, so a duplicate delivery stops here), then makes
 * this attempt's one provider call and acts on its answer.
 */
export async function runStart(deps: GenerationDeps, message: Extract<GenerationMessage, { type: "start" }>): Promise<void> {
  const job = await jobById(deps.db, message.jobId);
  if (!job || (await settledIfOver(deps, job)) || job.attempts !== message.attempt - 1) return;
  const expect = { attempt: job.attempts, statuses: IN_FLIGHT };
  const resolved = resolve(deps, job);
  if (!resolved) return void (await failJob(deps, job.id, expect, UNAVAILABLE));
  if (deps.now() >= job.deadlineAt) return void (await failJob(deps, job.id, expect, TIMED_OUT));
  const token = randomToken();
  const started = await startAttempt(deps.db, job.id, message.attempt, deps.now(), await sha256Hex(token));
  if (!started) return;
  const { model, entry } = resolved;
  // "Running" goes out while the provider works; it is awaited before any later news of the job.
  const announced = announce(deps, started);
  const startedAt = deps.now();
  const result = await callProvider(async () => {
    const request = await providerRequest(deps, started, model, { token, webhooks: entry.webhooks });
    return entry.provider.submit(request);
  });
  const providerMs = deps.now() - startedAt;
  await announced;
  await handleResult(deps, started, model, entry, result, { via: "submit", poll: 0, pollFailures: 0, providerMs });
}

/** `poll`: asks an asynchronous provider about the current attempt, once per poll number. */
export async function runPoll(deps: GenerationDeps, message: Extract<GenerationMessage, { type: "poll" }>): Promise<void> {
  const job = await jobById(deps.db, message.jobId);
  if (!job || (await settledIfOver(deps, job)) || job.attempts !== message.attempt || !job.providerJobId) return;
  const claimed = await claimPoll(deps.db, job, message.poll);
  if (!claimed?.providerJobId) return;
  const expect = { attempt: claimed.attempts, statuses: IN_FLIGHT };
  const resolved = resolve(deps, claimed);
  if (!resolved) return void (await failJob(deps, claimed.id, expect, UNAVAILABLE));
  const { model, entry } = resolved;
  const providerJobId = claimed.providerJobId;
  if (deps.now() >= claimed.deadlineAt) {
    await cancelAtProvider(deps, claimed);
    return void (await failJob(deps, claimed.id, expect, TIMED_OUT));
  }
  const result = await callProvider(async () =>
    entry.provider.status(providerJobId, await providerRequest(deps, claimed, model, { webhooks: false })),
  );
  const providerMs = deps.now() - (claimed.attemptStartedAt ?? claimed.createdAt);
  await handleResult(deps, claimed, model, entry, result, {
    via: "poll",
    poll: message.poll,
    pollFailures: message.pollFailures,
    providerMs,
  });
}
