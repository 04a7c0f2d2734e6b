import { type JobView, TERMINAL_STATUSES } from "../../shared/generation";
import type { MutationResult } from "../credits/contract";
import type { GenerationDeps } from "./deps";
import { jobView } from "./job-view";
import type { JobRow } from "./jobs-store";
import { type Expect, endJob } from "./transitions";

/** The ledger's hold (and capture) line: "Generation — 2 images", "Generation — 4-second video". */
export function holdDescription(kind: "image" | "video", count: number, durationSeconds?: number): string {
  if (kind === "video") return `Generation — ${durationSeconds ?? 0}-second video`;
  return `Generation — ${count} ${count === 1 ? "image" : "images"}`;
}

/** Why credits came back, as the ledger says it ("Refund — provider failed"). */
export function refundReason(errorCode: string | null): string {
  switch (errorCode) {
    case "canceled":
      return "canceled";
    case "timed_out":
      return "timed out";
    case "refused":
      return "prompt refused";
    case "invalid_input":
    case "input_missing":
      return "settings rejected";
    default:
      return "provider failed";
  }
}

function log(level: "warn" | "error", event: string, fields: Record<string, unknown>): void {
  console[level](JSON.stringify({ level, event, ...fields }));
}

/**
 * Settles a terminal job's hold: capture on success, release on failure or cancel. Safe to call
 * any number of times (the Account object keys both by the job id and admits one settlement),
 * which is why every path calls it again when unsure, and the sweeper mops up after crashes.
 */
export async function settle(deps: GenerationDeps, job: JobRow): Promise<void> {
  const account = deps.accounts(job.userId);
  let result: MutationResult;
  if (job.status === "succeeded") result = await account.capture(job.id);
  else if (job.status === "failed" || job.status === "canceled") result = await account.release(job.id, refundReason(job.errorCode));
  else return;
  if (!result.ok) log("error", "settlement_refused", { jobId: job.id, status: job.status, code: result.code });
}

/**
 * Pushes a job view to the user's open tabs and, once the job has ended, to their webhook endpoints
 * (each endpoint gets an ending once, however often it is announced) and, when no tab of theirs
 * saw it, to the owner's notifications (a product email). A failure here only costs freshness.
 */
export async function publishView(deps: GenerationDeps, userId: string, view: JobView): Promise<void> {
  let tabs: number | null = null;
  try {
    tabs = await deps.accounts(userId).publish({ type: "job", job: view });
  } catch (error) {
    log("warn", "job_publish_failed", { jobId: view.id, error: String(error) });
  }
  if (!TERMINAL_STATUSES.includes(view.status)) return;
  try {
    await deps.jobEnded(userId, view);
  } catch (error) {
    log("warn", "job_webhook_failed", { jobId: view.id, error: String(error) });
  }
  // Unknown (the object was unreachable) counts as seen: an email too many is worse than one missed.
  if (tabs !== 0) return;
  try {
    await deps.jobEndedUnseen(userId, view);
  } catch (error) {
    log("warn", "job_notification_failed", { jobId: view.id, error: String(error) });
  }
}

/** Reads the job's current view and pushes it to the user's open tabs (failures are logged, not thrown). */
export async function announce(deps: GenerationDeps, job: JobRow): Promise<void> {
  let view: JobView;
  try {
    view = await jobView(deps.db, job);
  } catch (error) {
    log("warn", "job_publish_failed", { jobId: job.id, error: String(error) });
    return;
  }
  await publishView(deps, job.userId, view);
}

/** Settles then announces a job that just reached a terminal state. */
export async function conclude(deps: GenerationDeps, job: JobRow): Promise<void> {
  await settle(deps, job);
  await announce(deps, job);
}

/** A short reason the user reads, and a stable code for it. */
export interface Reason {
  code: string;
  message: string;
}

/** Fails the job if it is still as expected, then releases its hold and tells the user. */
export async function failJob(
  deps: GenerationDeps,
  jobId: string,
  expect: Expect,
  reason: Reason,
  providerMs?: number,
): Promise<JobRow | null> {
  const row = await endJob(deps.db, jobId, expect, { status: "failed", ...reason, now: deps.now(), providerMs });
  if (row) await conclude(deps, row);
  return row;
}
