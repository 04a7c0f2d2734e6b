import type { ErrorIssue } from "../../shared/errors";
import type { JobParams, JobView } from "../../shared/generation";
import type { GenerationRequest } from "../../shared/generation-requests";
import { optionsSchema, unsupportedFields } from "../../shared/model-options";
import { type GenerationOptions, type ModelDef, priceOf, SEED_MAX } from "../../shared/models";
import type { HoldSpender } from "../credits/contract";
import { holdRefusedError } from "../credits/refusals";
import { sha256Hex } from "../lib/crypto";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { parseOrThrow } from "../lib/validate";
import { findManyMedia } from "../media/gallery";
import { availableModel } from "./catalog";
import type { GenerationDeps } from "./deps";
import { validJobParams } from "./job-params";
import { jobView, toJobView } from "./job-view";
import { deleteUnheldJob, findByIdempotencyKey, insertJobUnderCap, type JobRow } from "./jobs-store";
import { IN_FLIGHT_CAP } from "./policy";
import { failJob, holdDescription } from "./settlement";

const invalid = (issues: ErrorIssue[]) => new AppError("validation_failed", "Some fields need attention.", { issues });

/** The catalog model and its validated options; every refusal is a 400 naming the field. */
function validate(deps: GenerationDeps, body: GenerationRequest): { model: ModelDef; options: GenerationOptions } {
  const { model: modelId, ...rest } = body;
  const model = availableModel(deps.providers, modelId);
  if (!model) throw invalid([{ path: "model", message: "There is no such model here." }]);
  const unsupported = unsupportedFields(model);
  const issues = Object.keys(rest)
    .filter((field) => rest[field as keyof typeof rest] !== undefined && unsupported[field])
    .map((field) => ({ path: field, message: unsupported[field]! }));
  if (issues.length > 0) throw invalid(issues);
  const options = parseOrThrow(optionsSchema(model), rest);
  return { model, options: { inputMediaIds: [], ...options } };
}

/** SHA-256 of the request as validated (keys sorted), so a replay with the same meaning matches. */
async function requestHash(modelId: string, options: GenerationOptions): Promise<string> {
  const entries = Object.entries({ model: modelId, ...options }).sort(([a], [b]) => a.localeCompare(b));
  return sha256Hex(JSON.stringify(entries));
}

/** References must be images in the user's own gallery; anyone else's id reads as unknown. */
async function checkInputs(deps: GenerationDeps, userId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await findManyMedia(deps.db, userId, ids);
  const issues = ids.flatMap((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [{ path: `inputMediaIds.${i}`, message: "That image is not in your gallery." }];
    if (row.kind === "video") return [{ path: `inputMediaIds.${i}`, message: "Reference a picture, not a video." }];
    return [];
  });
  if (issues.length > 0) throw invalid(issues);
}

/** The earlier job for this key: the same request gets it back, another request is a conflict. */
function replayOf(existing: JobRow, hash: string): JobRow {
  if (existing.requestHash !== hash) {
    throw new AppError("idempotency_conflict", "This Idempotency-Key was already used for a different request.");
  }
  return existing;
}

/**
 * `POST /api/generations`: validate, price, insert under the in-flight cap, hold the credits,
 * enqueue. Nothing is held for a refused request; a request that cannot be held leaves no job.
 * The same Idempotency-Key with the same request returns the first job (`replayed`). A job started
 * with an API key (`spender`) is held against that key's monthly cap too.
 */
export async function submitGeneration(
  deps: GenerationDeps,
  userId: string,
  body: GenerationRequest,
  idempotencyKey?: string,
  spender?: HoldSpender,
): Promise<{ job: JobView; replayed: boolean }> {
  const { model, options } = validate(deps, body);
  const hash = await requestHash(model.id, options);
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(deps.db, userId, idempotencyKey);
    if (existing) return { job: await jobView(deps.db, replayOf(existing, hash)), replayed: true };
  }
  await checkInputs(deps, userId, options.inputMediaIds);
  const now = deps.now();
  const params: JobParams = {
    aspectRatio: options.aspectRatio,
    count: options.count,
    seed: options.seed ?? Math.floor(deps.random() * SEED_MAX),
    inputMediaIds: options.inputMediaIds,
  };
  if (options.negativePrompt) params.negativePrompt = options.negativePrompt;
  if (options.durationSeconds !== undefined) params.durationSeconds = options.durationSeconds;
  const row: JobRow = {
    id: newId(now),
    userId,
    model: model.id,
    kind: model.kind,
    prompt: options.prompt,
    params: validJobParams(params),
    cost: priceOf(model, options),
    status: "queued",
    provider: model.provider,
    providerModel: model.providerModel,
    providerJobId: null,
    callbackTokenHash: null,
    attempts: 0,
    errorCode: null,
    errorMessage: null,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: hash,
    queuePosition: null,
    createdAt: now,
    startedAt: null,
    attemptStartedAt: null,
    polls: 0,
    providerMs: null,
    finishedAt: null,
    deadlineAt: now + model.deadlineSeconds * 1000,
    deadLetteredAt: null,
  };
  let inserted: boolean;
  try {
    inserted = await insertJobUnderCap(deps.db, row, IN_FLIGHT_CAP);
  } catch (error) {
    // Two requests with one key at once: the unique index let one in; answer as its replay.
    const existing = idempotencyKey && isUniqueViolation(error) ? await findByIdempotencyKey(deps.db, userId, idempotencyKey) : null;
    if (!existing) throw error;
    return { job: await jobView(deps.db, replayOf(existing, hash)), replayed: true };
  }
  if (!inserted) {
    throw new AppError("rate_limited", `You already have ${IN_FLIGHT_CAP} generations in progress. Start another when one finishes.`, {
      retryAfterSeconds: 5,
    });
  }
  await holdCredits(deps, row, params, spender);
  await enqueueFirstAttempt(deps, row);
  return { job: toJobView(row, { media: [], released: false }), replayed: false };
}

/**
 * Holds the job's cost. When short, the job is removed: nothing was held. When the call fails
 * outright, whether the hold was written is unknown, so the job is failed, which releases it if so.
 */
async function holdCredits(deps: GenerationDeps, row: JobRow, params: JobParams, spender: HoldSpender | undefined): Promise<void> {
  let result: Awaited<ReturnType<ReturnType<GenerationDeps["accounts"]>["hold"]>>;
  try {
    result = await deps
      .accounts(row.userId)
      .hold(row.id, row.cost, holdDescription(row.kind, params.count, params.durationSeconds), spender);
  } catch (error) {
    await failJob(deps, row.id, { statuses: ["queued"] }, { code: "internal", message: "Credits could not be reserved." });
    throw error;
  }
  if (result.ok) return;
  await deleteUnheldJob(deps.db, row.userId, row.id);
  throw holdRefusedError(result, row.cost);
}

/** Sends attempt 1; if the queue refuses, the job fails at once and its hold is released. */
async function enqueueFirstAttempt(deps: GenerationDeps, row: JobRow): Promise<void> {
  try {
    await deps.enqueue({ type: "start", jobId: row.id, attempt: 1 });
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "enqueue_failed", jobId: row.id, error: String(error) }));
    await failJob(deps, row.id, { statuses: ["queued"] }, { code: "internal", message: "The job could not be queued." });
    throw new AppError("unavailable", "Generation is unavailable right now; nothing was charged. Please try again.");
  }
}
